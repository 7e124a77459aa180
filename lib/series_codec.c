/* INTERIM: placeholder bodies until the series encoding lands in this file. */
#include "internal.h"

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
