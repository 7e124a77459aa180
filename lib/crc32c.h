/*
 * CRC-32C (Castagnoli), the checksum of the encoding format (docs/format.md).
 * Private to the library; the tests reach it through the static library.
 */
#ifndef CXM_CRC32C_H
#define CXM_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32C of len bytes: reflected polynomial 0x82F63B78, initial value and
 * final XOR 0xFFFFFFFF (the iSCSI / ext4 / SSE4.2 crc32 variant). The check
 * value of "123456789" is 0xE3069283. data may be NULL when len is 0. */
uint32_t cxmi_crc32c(const void *data, size_t len);

#endif
