/* INTERIM: placeholder bodies so that the 1.1 header links while the
 * implementation is written; replaced whole by the real file. */
#include "internal.h"

int cxm_series_new(const cxm_scale *scale, uint32_t capacity, int64_t head, cxm_series **out)
{
    (void)scale;
    (void)capacity;
    (void)head;
    (void)out;
    return CXM_ERR_ARG;
}

size_t cxm_series_footprint(const cxm_scale *scale, uint32_t capacity)
{
    (void)scale;
    (void)capacity;
    return 0;
}

int cxm_series_init(void *mem, size_t mem_size, const cxm_scale *scale, uint32_t capacity, int64_t head, cxm_series **out)
{
    (void)mem;
    (void)mem_size;
    (void)scale;
    (void)capacity;
    (void)head;
    (void)out;
    return CXM_ERR_ARG;
}

void cxm_series_free(cxm_series *s)
{
    (void)s;
}

int cxm_series_clone(const cxm_series *s, cxm_series **out)
{
    (void)s;
    (void)out;
    return CXM_ERR_ARG;
}

int cxm_series_scale(const cxm_series *s, cxm_scale *out)
{
    (void)s;
    (void)out;
    return CXM_ERR_ARG;
}

int cxm_series_capacity(const cxm_series *s, uint32_t *out)
{
    (void)s;
    (void)out;
    return CXM_ERR_ARG;
}

int cxm_series_head(const cxm_series *s, int64_t *out)
{
    (void)s;
    (void)out;
    return CXM_ERR_ARG;
}

int cxm_series_advance(cxm_series *s, int64_t head)
{
    (void)s;
    (void)head;
    return CXM_ERR_ARG;
}

int cxm_series_add(cxm_series *s, int64_t bucket, int32_t rating)
{
    (void)s;
    (void)bucket;
    (void)rating;
    return CXM_ERR_ARG;
}

int cxm_series_add_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count)
{
    (void)s;
    (void)bucket;
    (void)rating;
    (void)count;
    return CXM_ERR_ARG;
}

int cxm_series_remove_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count)
{
    (void)s;
    (void)bucket;
    (void)rating;
    (void)count;
    return CXM_ERR_ARG;
}

int cxm_series_add_acc(cxm_series *s, int64_t bucket, const cxm_acc *part)
{
    (void)s;
    (void)bucket;
    (void)part;
    return CXM_ERR_ARG;
}

int cxm_series_sum(const cxm_series *s, int64_t first, int64_t last, cxm_acc *into)
{
    (void)s;
    (void)first;
    (void)last;
    (void)into;
    return CXM_ERR_ARG;
}

int cxm_series_merge(cxm_series *into, const cxm_series *from)
{
    (void)into;
    (void)from;
    return CXM_ERR_ARG;
}

int cxm_series_encoded_size(const cxm_series *s, size_t *out)
{
    (void)s;
    (void)out;
    return CXM_ERR_ARG;
}

int cxm_series_encode(const cxm_series *s, void *buf, size_t cap, size_t *written)
{
    (void)s;
    (void)buf;
    (void)cap;
    (void)written;
    return CXM_ERR_ARG;
}

int cxm_series_decode(const void *buf, size_t len, cxm_series **out)
{
    (void)buf;
    (void)len;
    (void)out;
    return CXM_ERR_ARG;
}
