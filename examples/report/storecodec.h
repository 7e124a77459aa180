/*
 * A group's answers as bytes, for the state file (state.c): the library's
 * own encodings where it has a type — cxm_acc_encode, cxm_series_encode,
 * cxm_wacc_encode — and, for weighted answers by period, which the library
 * keeps no series of, the weighted encodings of the buckets with answers and
 * their ages (docs/format.md, "The cxm-report state file"). Decoding checks
 * everything the encoder guarantees, so a forged record is refused here.
 */
#ifndef STORECODEC_H
#define STORECODEC_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

/* The bytes store_encode writes. Returns CXM_OK or a library status. */
int store_encoded_size(const store *s, size_t *len);

/* Writes exactly store_encoded_size's bytes at `at`. */
int store_encode(const store *s, unsigned char *at, size_t len);

/* Decodes len bytes into an empty store: a total or periods, weighted or
 * not, as the record's kind says. Returns CXM_OK; CXM_ERR_FORMAT for bytes
 * the encoder could not have written; CXM_ERR_NOMEM. On error s is left
 * empty. */
int store_decode(store *s, bool weighted, bool dated, const unsigned char *bytes, size_t len);

#endif
