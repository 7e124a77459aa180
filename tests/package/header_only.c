/* The public header alone, compiled as C99, C11 and C++11 with every warning
 * an error: it must stand on its own and stay clean in users' builds. */
#include <cxmetrics.h>

#ifdef __cplusplus
#define CXM_NS_CHECK static_assert(sizeof(cxm_scale) == 32, "cxm_scale layout")
#else
#define CXM_NS_CHECK typedef char cxm_scale_layout_check[sizeof(cxm_scale) == 32 ? 1 : -1]
#endif
CXM_NS_CHECK;

int use_header(void);
int use_header(void)
{
    cxm_scale scale = CXM_SCALE_INIT;
    cxm_snapshot snapshot = CXM_SNAPSHOT_INIT;
    cxm_acc *acc = NULL;
    int status = cxm_scale_preset(CXM_PRESET_NPS, &scale);
    if (status == CXM_OK) {
        status = cxm_acc_new(&scale, &acc);
    }
    if (status == CXM_OK) {
        status = cxm_acc_snapshot(acc, &snapshot);
    }
    cxm_acc_free(acc);
    return status == CXM_OK && snapshot.size == sizeof snapshot ? 0 : 1;
}
