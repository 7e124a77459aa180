/* INTERIM: placeholder bodies so that the 1.1 header links while the
 * implementation is written; replaced whole by the real file. */
#include "internal.h"

int cxm_scale_parse(const char *text, size_t len, cxm_scale *out)
{
    (void)text;
    (void)len;
    (void)out;
    return CXM_ERR_ARG;
}

int cxm_scale_format(const cxm_scale *scale, char *buf, size_t cap, size_t *written)
{
    (void)scale;
    (void)buf;
    (void)cap;
    (void)written;
    return CXM_ERR_ARG;
}

int cxm_acc_format(const cxm_acc *acc, char *buf, size_t cap, size_t *written)
{
    (void)acc;
    (void)buf;
    (void)cap;
    (void)written;
    return CXM_ERR_ARG;
}

int cxm_acc_parse(const char *text, size_t len, cxm_acc **out)
{
    (void)text;
    (void)len;
    (void)out;
    return CXM_ERR_ARG;
}
