/* A program built against a later 1.x header whose structs have grown
 * (future/cxmetrics.h, found first because it sits next to this file), run
 * against the freshly built library: the library writes the fields it knows,
 * zero-fills the newer ones up to `size`, accepts a newer struct it reads
 * when the unknown tail is zero and refuses it (CXM_ERR_SIZE, nothing
 * changed) when the tail asks for something it cannot do.
 * Expected numbers: the NPS worked example of docs/metrics.md, R's adjusted
 * Wald interval (tests/reference/snapshot.R). Exit 0 on success. */
#include "cxmetrics.h"

#ifndef CXM_ABI_FUTURE
#error "this program must be compiled against tests/abi/future/cxmetrics.h"
#endif

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                        \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* Fill a struct with a pattern that no result can have, then set its size. */
#define PREPARE(var)                                                                               \
    do {                                                                                           \
        memset(&(var), 0x5A, sizeof(var));                                                         \
        (var).size = (uint32_t)sizeof(var);                                                        \
    } while (0)

int main(void)
{
    cxm_scale nps;
    PREPARE(nps);
    CHECK(cxm_scale_preset(CXM_PRESET_NPS, &nps) == CXM_OK);
    CHECK(nps.size == sizeof nps && nps.min == 0 && nps.max == 10 &&
          nps.headline == CXM_HEADLINE_NET);
    CHECK(nps.weighting == 0 && nps.reserved == 0); /* zero-filled */

    cxm_acc *acc = NULL;
    CHECK(cxm_acc_new(&nps, &acc) == CXM_OK); /* a newer scale with a zero tail is accepted */
    if (acc == NULL) {
        return 1;
    }
    cxm_scale copy;
    PREPARE(copy);
    CHECK(cxm_acc_scale(acc, &copy) == CXM_OK);
    CHECK(memcmp(&copy, &nps, sizeof copy) == 0);

    /* An option this library does not know: refused, nothing allocated. */
    cxm_scale weighted = nps;
    weighted.weighting = 1;
    cxm_acc *never = NULL;
    CHECK(cxm_scale_check(&weighted) == CXM_ERR_SIZE);
    CHECK(cxm_acc_new(&weighted, &never) == CXM_ERR_SIZE && never == NULL);

    CHECK(cxm_acc_add_count(acc, 10, 60) == CXM_OK);
    CHECK(cxm_acc_add_count(acc, 8, 30) == CXM_OK);
    CHECK(cxm_acc_add_count(acc, 0, 10) == CXM_OK);

    cxm_snapshot s;
    PREPARE(s);
    CHECK(cxm_acc_snapshot(acc, &s) == CXM_OK);
    CHECK(s.size == sizeof s && s.n == 100 && s.score == 50.0);
    CHECK(fabs(s.score_low - 35.466591938667477) <= 1e-12 * 35.466591938667477);
    CHECK(s.weight_total == 100.0 && s.n_effective == 100.0); /* 1.2's fields */
    CHECK(s.median == 0.0 && s.distinct == 0);

    cxm_interval iv;
    PREPARE(iv);
    CHECK(cxm_acc_interval(acc, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, 0.95, &iv) == CXM_OK);
    CHECK(iv.quantity == CXM_QUANTITY_NET && iv.method == CXM_METHOD_ADJUSTED_WALD);
    CHECK(iv.low == s.score_low && iv.high == s.score_high);
    CHECK(iv.width == 0.0);

    cxm_comparison c;
    PREPARE(c);
    CHECK(cxm_acc_compare(acc, acc, CXM_QUANTITY_NET, CXM_METHOD_DEFAULT, 0.95, &c) == CXM_OK);
    CHECK(c.difference == 0.0 && c.effect_size == 0.0);

    cxm_acc_free(acc);
    if (failures == 0) {
        printf("future-header program OK: appended fields zero-filled, unknown options refused\n");
    }
    return failures == 0 ? 0 : 1;
}
