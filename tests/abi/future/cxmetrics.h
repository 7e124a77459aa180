/*
 * A HYPOTHETICAL LATER 1.x HEADER, for tests/abi/future/program.c only: the
 * 1.0 declarations that program uses, with fields appended to every public
 * struct as a later minor release may append them. It simulates a program
 * built against a newer header running on this library (docs/abi.md,
 * "Extensible structs"). The leading members are exactly those of 1.0, and
 * of the releases since (cxm_snapshot's weight_total and n_effective, 1.2).
 */
#ifndef CXMETRICS_H
#define CXMETRICS_H
#define CXM_ABI_FUTURE 1

#include <stddef.h>
#include <stdint.h>

enum { CXM_OK = 0, CXM_ERR_SIZE = -8 };
enum { CXM_HEADLINE_NET = 2 };
enum { CXM_PRESET_NPS = 5 };
enum { CXM_QUANTITY_HEADLINE = 0, CXM_QUANTITY_NET = 3 };
enum { CXM_METHOD_DEFAULT = 0, CXM_METHOD_ADJUSTED_WALD = 6 };

typedef struct cxm_scale {
    uint32_t size;
    int32_t min, max;
    int32_t positive_min, positive_max;
    int32_t negative_min, negative_max;
    int32_t headline;
    /* appended later: */
    int32_t weighting; /* an option 1.0 does not know: must be 0 for 1.0 */
    int32_t reserved;
} cxm_scale;

typedef struct cxm_snapshot {
    uint32_t size;
    int32_t headline;
    uint64_t n, positive, neutral, negative;
    double positive_share, negative_share, net, mean, stddev, score, score_low, score_high;
    double weight_total, n_effective; /* appended in 1.2 */
    /* appended later: */
    double median;
    uint64_t distinct;
} cxm_snapshot;

typedef struct cxm_interval {
    uint32_t size;
    int32_t quantity, method;
    double confidence;
    double estimate, se, low, high;
    /* appended later: */
    double width;
} cxm_interval;

typedef struct cxm_comparison {
    uint32_t size;
    int32_t quantity, method;
    double confidence;
    double difference, se, statistic, df, p_value, low, high;
    /* appended later: */
    double effect_size;
} cxm_comparison;

typedef struct cxm_acc cxm_acc;

int cxm_scale_preset(int preset, cxm_scale *out);
int cxm_scale_check(const cxm_scale *scale);
int cxm_acc_new(const cxm_scale *scale, cxm_acc **out);
void cxm_acc_free(cxm_acc *acc);
int cxm_acc_scale(const cxm_acc *acc, cxm_scale *out);
int cxm_acc_add_count(cxm_acc *acc, int32_t rating, uint64_t count);
int cxm_acc_snapshot(const cxm_acc *acc, cxm_snapshot *out);
int cxm_acc_interval(const cxm_acc *acc, int quantity, int method, double confidence,
                     cxm_interval *out);
int cxm_acc_compare(const cxm_acc *a, const cxm_acc *b, int quantity, int method, double confidence,
                    cxm_comparison *out);

#endif /* CXMETRICS_H */
