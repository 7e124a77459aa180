/*
 * CRC-32C, computed a nibble at a time from a 16-entry table.
 *
 * An encoding is at most about a kilobyte, so speed hardly matters; the
 * nibble table keeps the code short enough to check by eye against the
 * bit-by-bit definition while costing 64 bytes of constant data (no mutable
 * state, no table built at run time). A hardware crc32 instruction would be
 * faster but is not portable, and the result must be the same everywhere.
 */
#include "crc32c.h"

/* nibble_table[i] = the register after shifting the 4-bit value i out
 * through the reflected polynomial 0x82F63B78 four times. */
static const uint32_t nibble_table[16] = {
    0x00000000u, 0x105EC76Fu, 0x20BD8EDEu, 0x30E349B1u, 0x417B1DBCu, 0x5125DAD3u,
    0x61C69362u, 0x7198540Du, 0x82F63B78u, 0x92A8FC17u, 0xA24BB5A6u, 0xB21572C9u,
    0xC38D26C4u, 0xD3D3E1ABu, 0xE330A81Au, 0xF36E6F75u,
};

uint32_t cxmi_crc32c(const void *data, size_t len)
{
    const unsigned char *bytes = data;
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) {
        crc ^= bytes[i];
        crc = (crc >> 4) ^ nibble_table[crc & 0xFu];
        crc = (crc >> 4) ^ nibble_table[crc & 0xFu];
    }
    return crc ^ 0xFFFFFFFFu;
}
