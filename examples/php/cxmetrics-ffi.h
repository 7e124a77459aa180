#define FFI_SCOPE "CXMETRICS"
#define FFI_LIB   "libcxmetrics.so.1"
/*
 * include/cxmetrics.h as PHP's FFI reads it (FFI has no preprocessor): the
 * structs and every function, nothing else, each prototype as the header
 * spells it but for the two noted below (tests/InterfaceTest.php compares
 * them with the ABI baseline). Native.php passes it to FFI::cdef;
 * preload.php (opcache.preload) or php.ini's `ffi.preload` loads it once at
 * PHP's start-up under the scope below instead, which is what lets php-fpm
 * with `ffi.enable=preload` use the binding (README.md). FFI_LIB is the
 * SONAME, found by the system loader; edit it for a library outside the
 * loader's path.
 *
 * Batch buffers are `const void *` where the header says `const uint8_t *` /
 * `const int32_t *` (the same ABI): PHP's FFI passes a PHP string to a void
 * or char pointer as a pointer to the string's own bytes, which is what makes
 * batches zero-copy. cxm_wacc_cell's and cxm_wacc_totals' `uint64_t
 * squares[2]` is the pointer it decays to.
 *
 * The two #define lines must come first: PHP looks for them nowhere else.
 */

typedef struct cxm_scale {
    uint32_t size;
    int32_t min, max;
    int32_t positive_min, positive_max;
    int32_t negative_min, negative_max;
    int32_t headline;
} cxm_scale;
typedef struct cxm_acc cxm_acc;
typedef struct cxm_snapshot {
    uint32_t size;
    int32_t headline;
    uint64_t n, positive, neutral, negative;
    double positive_share;
    double negative_share;
    double net;
    double mean, stddev;
    double score;
    double score_low, score_high;
    double weight_total;
    double n_effective;
} cxm_snapshot;
typedef struct cxm_interval {
    uint32_t size;
    int32_t quantity, method;
    double confidence;
    double estimate, se, low, high;
} cxm_interval;
typedef struct cxm_comparison {
    uint32_t size;
    int32_t quantity, method;
    double confidence;
    double difference, se;
    double statistic, df;
    double p_value;
    double low, high;
} cxm_comparison;
typedef struct cxm_series cxm_series;
typedef struct cxm_wacc cxm_wacc;
typedef struct cxm_recorder cxm_recorder;

uint32_t cxm_version_number(void);
const char *cxm_version_string(void);
const char *cxm_status_name(int status);
const char *cxm_status_message(int status);
int cxm_scale_preset(int preset, cxm_scale *out);
int cxm_scale_check(const cxm_scale *scale);
int cxm_scale_equal(const cxm_scale *a, const cxm_scale *b);
int cxm_acc_new(const cxm_scale *scale, cxm_acc **out);
void cxm_acc_free(cxm_acc *acc);
int cxm_acc_clone(const cxm_acc *acc, cxm_acc **out);
int cxm_acc_reset(cxm_acc *acc);
int cxm_acc_scale(const cxm_acc *acc, cxm_scale *out);
size_t cxm_acc_footprint(const cxm_scale *scale);
int cxm_acc_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_acc **out);
int cxm_acc_add(cxm_acc *acc, int32_t rating);
int cxm_acc_add_count(cxm_acc *acc, int32_t rating, uint64_t count);
int cxm_acc_add_many(cxm_acc *acc, const void *ratings, size_t n, size_t *bad_index);
int cxm_acc_add_many_u8(cxm_acc *acc, const void *ratings, size_t n, size_t *bad_index);
int cxm_acc_remove(cxm_acc *acc, int32_t rating);
int cxm_acc_remove_count(cxm_acc *acc, int32_t rating, uint64_t count);
int cxm_acc_merge(cxm_acc *into, const cxm_acc *from);
int cxm_acc_subtract(cxm_acc *from, const cxm_acc *part);
int cxm_acc_total(const cxm_acc *acc, uint64_t *out);
int cxm_acc_count(const cxm_acc *acc, int32_t rating, uint64_t *out);
int cxm_acc_counts(const cxm_acc *acc, uint64_t *out, size_t out_len);
int cxm_acc_snapshot(const cxm_acc *acc, cxm_snapshot *out);
const char *cxm_method_name(int method);
int cxm_method_parse(const char *text, size_t len, int *out);
const char *cxm_quantity_name(int quantity);
int cxm_quantity_parse(const char *text, size_t len, int *out);
const char *cxm_headline_name(int headline);
int cxm_headline_parse(const char *text, size_t len, int *out);
int cxm_acc_interval(const cxm_acc *acc, int quantity, int method, double confidence,
                     cxm_interval *out);
int cxm_acc_compare(const cxm_acc *a, const cxm_acc *b, int quantity, int method, double confidence,
                    cxm_comparison *out);
int cxm_acc_encoded_size(const cxm_acc *acc, size_t *out);
int cxm_acc_encode(const cxm_acc *acc, void *buf, size_t cap, size_t *written);
int cxm_acc_decode(const void *buf, size_t len, cxm_acc **out);
int cxm_scale_parse(const char *text, size_t len, cxm_scale *out);
int cxm_scale_format(const cxm_scale *scale, char *buf, size_t cap, size_t *written);
int cxm_acc_format(const cxm_acc *acc, char *buf, size_t cap, size_t *written);
int cxm_acc_parse(const char *text, size_t len, cxm_acc **out);
int cxm_series_new(const cxm_scale *scale, uint32_t capacity, int64_t head, cxm_series **out);
size_t cxm_series_footprint(const cxm_scale *scale, uint32_t capacity);
int cxm_series_init(void *mem, size_t mem_size, const cxm_scale *scale, uint32_t capacity,
                    int64_t head, cxm_series **out);
void cxm_series_free(cxm_series *s);
int cxm_series_clone(const cxm_series *s, cxm_series **out);
int cxm_series_scale(const cxm_series *s, cxm_scale *out);
int cxm_series_capacity(const cxm_series *s, uint32_t *out);
int cxm_series_head(const cxm_series *s, int64_t *out);
int cxm_series_advance(cxm_series *s, int64_t head);
int cxm_series_add(cxm_series *s, int64_t bucket, int32_t rating);
int cxm_series_add_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count);
int cxm_series_remove_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count);
int cxm_series_add_acc(cxm_series *s, int64_t bucket, const cxm_acc *part);
int cxm_series_sum(const cxm_series *s, int64_t first, int64_t last, cxm_acc *into);
int cxm_series_merge(cxm_series *into, const cxm_series *from);
int cxm_series_encoded_size(const cxm_series *s, size_t *out);
int cxm_series_encode(const cxm_series *s, void *buf, size_t cap, size_t *written);
int cxm_series_decode(const void *buf, size_t len, cxm_series **out);
int cxm_method_resolve(const cxm_scale *scale, int quantity, int method, int use, int *quantity_out,
                       int *method_out);
int cxm_wacc_new(const cxm_scale *scale, cxm_wacc **out);
size_t cxm_wacc_footprint(const cxm_scale *scale);
int cxm_wacc_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_wacc **out);
void cxm_wacc_free(cxm_wacc *w);
int cxm_wacc_clone(const cxm_wacc *w, cxm_wacc **out);
int cxm_wacc_reset(cxm_wacc *w);
int cxm_wacc_scale(const cxm_wacc *w, cxm_scale *out);
int cxm_wacc_add(cxm_wacc *w, int32_t rating, uint32_t weight);
int cxm_wacc_remove(cxm_wacc *w, int32_t rating, uint32_t weight);
int cxm_wacc_merge(cxm_wacc *into, const cxm_wacc *from);
int cxm_wacc_subtract(cxm_wacc *from, const cxm_wacc *part);
int cxm_wacc_cell(const cxm_wacc *w, int32_t rating, uint64_t *count, uint64_t *weight,
                  uint64_t *squares);
int cxm_wacc_totals(const cxm_wacc *w, uint64_t *count, uint64_t *weight, uint64_t *squares);
int cxm_wacc_unweighted(const cxm_wacc *w, cxm_acc *into);
int cxm_wacc_snapshot(const cxm_wacc *w, cxm_snapshot *out);
int cxm_wacc_interval(const cxm_wacc *w, int quantity, int method, double confidence,
                      cxm_interval *out);
int cxm_wacc_compare(const cxm_wacc *a, const cxm_wacc *b, int quantity, int method,
                     double confidence, cxm_comparison *out);
int cxm_wacc_encoded_size(const cxm_wacc *w, size_t *out);
int cxm_wacc_encode(const cxm_wacc *w, void *buf, size_t cap, size_t *written);
int cxm_wacc_decode(const void *buf, size_t len, cxm_wacc **out);
int cxm_wacc_format(const cxm_wacc *w, char *buf, size_t cap, size_t *written);
int cxm_wacc_parse(const char *text, size_t len, cxm_wacc **out);
int cxm_recorder_new(const cxm_scale *scale, cxm_recorder **out);
size_t cxm_recorder_footprint(const cxm_scale *scale);
int cxm_recorder_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_recorder **out);
void cxm_recorder_free(cxm_recorder *r);
int cxm_recorder_add(cxm_recorder *r, int32_t rating);
int cxm_recorder_add_count(cxm_recorder *r, int32_t rating, uint64_t count);
int cxm_recorder_collect(cxm_recorder *r, cxm_acc *into);
int cxm_adjust_p(const double *p, size_t n, int method, double *out);
const char *cxm_adjust_name(int method);
int cxm_adjust_parse(const char *text, size_t len, int *out);
int cxm_plan_sample_size(const cxm_scale *scale, const cxm_acc *expected, int quantity,
                         double confidence, double half_width, uint64_t population, uint64_t *out);
