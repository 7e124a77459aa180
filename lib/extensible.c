/*
 * The `size` rules that let public structs grow without breaking old programs.
 *
 * A caller's struct may be older (smaller) or newer (larger) than the layout
 * this library was built with. Reading one, fields the caller does not have
 * take their zero defaults, and fields this library does not know must be
 * zero: a newer program that set one of them asked for something this library
 * cannot do, and silently ignoring it would be worse than refusing. Writing
 * one, the library fills what both know and zeroes the rest of the caller's
 * struct, so no byte the caller reads afterwards is stale.
 */
#include <string.h>

#include "internal.h"

static uint32_t struct_size(const void *s)
{
    uint32_t size;
    memcpy(&size, s, sizeof size);
    return size;
}

static bool tail_is_zero(const unsigned char *bytes, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (bytes[i] != 0) {
            return false;
        }
    }
    return true;
}

int cxmi_struct_read(void *dst, size_t known_size, const void *src, size_t min_size)
{
    size_t size = struct_size(src);
    if (size < min_size) {
        return CXM_ERR_SIZE;
    }
    if (size > known_size && !tail_is_zero(src, known_size, size)) {
        return CXM_ERR_SIZE;
    }
    memset(dst, 0, known_size);
    memcpy(dst, src, size < known_size ? size : known_size);
    uint32_t normalized = (uint32_t)known_size;
    memcpy(dst, &normalized, sizeof normalized);
    return CXM_OK;
}

int cxmi_struct_check_out(const void *out, size_t min_size)
{
    return struct_size(out) < min_size ? CXM_ERR_SIZE : CXM_OK;
}

void cxmi_struct_write(void *out, const void *src, size_t known_size)
{
    size_t size = struct_size(out);
    size_t common = size < known_size ? size : known_size;
    unsigned char *bytes = out;
    /* The size field is the caller's and stays as it is. */
    memcpy(bytes + sizeof(uint32_t), (const unsigned char *)src + sizeof(uint32_t),
           common - sizeof(uint32_t));
    if (size > known_size) {
        memset(bytes + known_size, 0, size - known_size);
    }
}
