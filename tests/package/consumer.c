/* An outside program built against the *installed* library, through
 * pkg-config (shared and static) and through find_package(cxmetrics).
 * Exit status 0 only if it computes the worked NPS example right. */
#include <cxmetrics.h>
#include <stdio.h>

int main(void)
{
    cxm_scale scale = CXM_SCALE_INIT;
    cxm_acc *acc = NULL;
    cxm_snapshot snap = CXM_SNAPSHOT_INIT;
    if (cxm_scale_preset(CXM_PRESET_NPS, &scale) != CXM_OK || cxm_acc_new(&scale, &acc) != CXM_OK) {
        return 1;
    }
    int status = cxm_acc_add_count(acc, 10, 60);
    if (status == CXM_OK) {
        status = cxm_acc_add_count(acc, 8, 30);
    }
    if (status == CXM_OK) {
        status = cxm_acc_add_count(acc, 0, 10);
    }
    if (status == CXM_OK) {
        status = cxm_acc_snapshot(acc, &snap);
    }
    cxm_acc_free(acc);
    printf("cxmetrics %s: NPS %.1f [%.1f, %.1f]\n", cxm_version_string(), snap.score,
           snap.score_low, snap.score_high);
    return status == CXM_OK && snap.score == 50.0 && cxm_version_number() == CXM_VERSION_NUMBER ? 0
                                                                                                : 1;
}
