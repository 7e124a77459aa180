/*
 * Cross-host byte identity: the encodings and text forms this program makes
 * from a fixed set of states must be the same bytes on every target, and
 * bytes written on one target must decode on every other to the same state.
 *
 *   portable_bytes write         prints lines "stateN KIND DATA": for KIND
 *                                acc, series and wacc, DATA is the encoding
 *                                of state N's accumulator, series or weighted
 *                                accumulator in hex; for KIND text and wtext,
 *                                the accumulator's or the weighted one's text
 *                                form
 *   portable_bytes check FILE    reads such lines written on another host
 *                                and requires, for each, the line this host
 *                                writes, and the state made here when the
 *                                data is decoded (or parsed)
 *
 * tests/cross/run.sh runs "write" on every target and compares the outputs
 * byte for byte, and runs "check" on each target against the files of all
 * the others (s390x against x86-64 and the reverse, ...). The states cover
 * every preset and custom scales with negative ratings, empty accumulators,
 * single and extreme counts (up to UINT64_MAX), seeded random histograms,
 * and weighted responses up to the largest weight (sums of squares beyond 64
 * bits), so byte order, word size and the int32 sign rules are all on the
 * wire.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxmetrics.h"

#define STATES         24
#define LINE_MAX_BYTES 16384 /* the longest line: a series of two full buckets, in hex */

/* splitmix64, as tests/testutil.h: the same numbers on every host. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static void fail(const char *what, int index)
{
    fprintf(stderr, "portable_bytes: state %d: %s\n", index, what);
    exit(EXIT_FAILURE);
}

static void must(int status, const char *what, int index)
{
    if (status != CXM_OK) {
        fprintf(stderr, "portable_bytes: state %d: %s: %s\n", index, what, cxm_status_name(status));
        exit(EXIT_FAILURE);
    }
}

/* The scale of state i: the eight presets, then custom scales that put
 * negative and large int32 ratings on the wire. */
static cxm_scale state_scale(int i)
{
    cxm_scale scale = CXM_SCALE_INIT;
    if (i % 11 < 8) {
        must(cxm_scale_preset(1 + i % 11, &scale), "preset", i);
        return scale;
    }
    static const int32_t custom[3][7] = {
        {-3, 3, 2, 3, -3, -2, CXM_HEADLINE_NET},
        {-2147483648, -2147483548, -2147483558, -2147483548, -2147483648, -2147483600,
         CXM_HEADLINE_POSITIVE_SHARE},
        {2147483547, 2147483647, 2147483547, 2147483550, 2147483600, 2147483647, CXM_HEADLINE_MEAN},
    };
    const int32_t *f = custom[i % 11 - 8];
    scale.min = f[0];
    scale.max = f[1];
    scale.positive_min = f[2];
    scale.positive_max = f[3];
    scale.negative_min = f[4];
    scale.negative_max = f[5];
    scale.headline = f[6];
    return scale;
}

/* State i: empty, one rating, extreme counts, or a seeded random histogram. */
static cxm_acc *make_state(int i)
{
    cxm_scale scale = state_scale(i);
    cxm_acc *acc = NULL;
    must(cxm_acc_new(&scale, &acc), "new", i);
    int32_t span = (int32_t)((int64_t)scale.max - scale.min + 1);
    uint64_t seed = 0xC0FFEEu + (uint64_t)i;
    int kind = i / 11;
    if (kind == 0 && i % 2 == 1) {
        must(cxm_acc_add(acc, scale.max), "add", i);
    } else if (kind == 1) {
        must(cxm_acc_add_count(acc, scale.min, UINT64_MAX - 1), "add_count", i);
        must(cxm_acc_add_count(acc, scale.max, 1), "add_count", i);
    } else if (kind == 2 || i % 2 == 0) {
        for (int32_t r = 0; r < span; r++) {
            /* two statements: the order of two calls in one expression is
             * unspecified, and gcc and clang choose differently */
            uint64_t bits = next_random(&seed);
            uint64_t count = bits >> (8 + next_random(&seed) % 48);
            must(cxm_acc_add_count(acc, scale.min + r, count % 3 == 0 ? 0 : count), "add_count", i);
        }
    }
    return acc;
}

/* Weighted state i: seeded responses, up to the largest weight, so that the
 * sums of squares take their high words. */
static cxm_wacc *make_wacc(int i)
{
    cxm_scale scale = state_scale(i);
    cxm_wacc *w = NULL;
    must(cxm_wacc_new(&scale, &w), "wacc_new", i);
    uint64_t span = (uint64_t)((int64_t)scale.max - scale.min + 1);
    uint64_t seed = 0xBEEFu + (uint64_t)i;
    int responses = i % 4 == 0 ? 0 : 1 + (int)(next_random(&seed) % 40);
    for (int k = 0; k < responses; k++) {
        uint64_t bits = next_random(&seed); /* two statements, as make_state */
        int32_t rating = scale.min + (int32_t)(next_random(&seed) % span);
        uint32_t weight = bits % 3 == 0 ? UINT32_MAX : 1 + (uint32_t)(bits >> 40);
        must(cxm_wacc_add(w, rating, weight), "wacc_add", i);
    }
    return w;
}

static void put_hex(const unsigned char *bytes, size_t len, char *out, size_t cap, int i)
{
    if (2 * len + 1 > cap) {
        fail("line buffer too small", i);
    }
    for (size_t k = 0; k < len; k++) {
        snprintf(out + 2 * k, 3, "%02x", bytes[k]);
    }
    out[2 * len] = '\0';
}

/* Series i: state i's accumulator in its newest and its oldest bucket (one
 * bucket when the capacity is 1), with
 * heads near both ends of the bucket range and capacities from 1 up. */
static cxm_series *make_series(int i)
{
    cxm_scale scale = state_scale(i);
    uint32_t capacity = (uint32_t)(i % 5) * 97u + 1u;
    int64_t head = i % 2 == 1 ? -CXM_SERIES_BUCKET_LIMIT + 1000 + i : (int64_t)i * 1000003;
    if (i % 7 == 6) {
        head = CXM_SERIES_BUCKET_LIMIT;
    }
    cxm_series *series = NULL;
    must(cxm_series_new(&scale, capacity, head, &series), "series_new", i);
    cxm_acc *acc = make_state(i);
    must(cxm_series_add_acc(series, head, acc), "series_add_acc", i);
    if (capacity > 1) {
        must(cxm_series_add_acc(series, head - (int64_t)capacity + 1, acc), "series_add_acc", i);
    }
    cxm_acc_free(acc);
    return series;
}

/* The data of state i's line of a kind, as this host writes it: an
 * encoding in lower-case hex, or the text form. */
static void render(int i, const char *kind, char *out, size_t cap)
{
    size_t len = 0;
    if (strcmp(kind, "series") == 0) {
        cxm_series *series = make_series(i);
        size_t size = 0;
        must(cxm_series_encoded_size(series, &size), "series_encoded_size", i);
        unsigned char *bytes = malloc(size);
        if (bytes == NULL) {
            fail("out of memory", i);
        }
        must(cxm_series_encode(series, bytes, size, &len), "series_encode", i);
        put_hex(bytes, len, out, cap, i);
        free(bytes);
        cxm_series_free(series);
        return;
    }
    if (strcmp(kind, "wacc") == 0 || strcmp(kind, "wtext") == 0) {
        cxm_wacc *w = make_wacc(i);
        if (strcmp(kind, "wtext") == 0) {
            must(cxm_wacc_format(w, out, cap, &len), "wacc_format", i);
        } else {
            unsigned char bytes[CXM_WACC_ENCODED_MAX];
            must(cxm_wacc_encode(w, bytes, sizeof bytes, &len), "wacc_encode", i);
            put_hex(bytes, len, out, cap, i);
        }
        cxm_wacc_free(w);
        return;
    }
    cxm_acc *acc = make_state(i);
    if (strcmp(kind, "acc") == 0) {
        unsigned char bytes[CXM_ENCODED_MAX];
        must(cxm_acc_encode(acc, bytes, sizeof bytes, &len), "encode", i);
        put_hex(bytes, len, out, cap, i);
    } else {
        must(cxm_acc_format(acc, out, cap, &len), "format", i);
    }
    cxm_acc_free(acc);
}

static const char *const kinds[] = {"acc", "text", "series", "wacc", "wtext"};
#define KINDS (sizeof kinds / sizeof kinds[0])

static void write_states(void)
{
    static char data[LINE_MAX_BYTES];
    for (int i = 0; i < STATES; i++) {
        for (size_t k = 0; k < KINDS; k++) {
            render(i, kinds[k], data, sizeof data);
            printf("state%d %s %s\n", i, kinds[k], data);
        }
    }
}

static size_t parse_hex(const char *hex, unsigned char *out, size_t cap)
{
    size_t len = strlen(hex) / 2;
    if (len > cap) {
        return SIZE_MAX;
    }
    for (size_t k = 0; k < len; k++) {
        unsigned int byte = 0;
        if (sscanf(hex + 2 * k, "%2x", &byte) != 1) {
            return SIZE_MAX;
        }
        out[k] = (unsigned char)byte;
    }
    return len;
}

/* Whether two accumulators have the same scale and counts. */
static int same_state(const cxm_acc *a, const cxm_acc *b)
{
    cxm_scale sa = CXM_SCALE_INIT, sb = CXM_SCALE_INIT;
    uint64_t ca[101] = {0}, cb[101] = {0};
    return cxm_acc_scale(a, &sa) == CXM_OK && cxm_acc_scale(b, &sb) == CXM_OK &&
           cxm_scale_equal(&sa, &sb) == 1 && cxm_acc_counts(a, ca, 101) == CXM_OK &&
           cxm_acc_counts(b, cb, 101) == CXM_OK && memcmp(ca, cb, sizeof ca) == 0;
}

/* Decodes a series line and requires the same bytes when encoded here. */
static void check_series(int i, const char *data)
{
    static unsigned char bytes[LINE_MAX_BYTES / 2];
    size_t len = parse_hex(data, bytes, sizeof bytes);
    if (len == SIZE_MAX) {
        fail("bad hex", i);
    }
    cxm_series *got = NULL;
    must(cxm_series_decode(bytes, len, &got), "series_decode", i);
    static unsigned char again[LINE_MAX_BYTES / 2];
    size_t len_again = 0;
    must(cxm_series_encode(got, again, sizeof again, &len_again), "series_encode", i);
    if (len_again != len || memcmp(again, bytes, len) != 0) {
        fail("series re-encoded differently", i);
    }
    cxm_series_free(got);
}

/* Decodes (or parses) a weighted line and requires the state made here: the
 * same bytes when encoded here. */
static void check_wacc(int i, const char *kind, const char *data)
{
    static unsigned char bytes[CXM_WACC_ENCODED_MAX], want[CXM_WACC_ENCODED_MAX];
    cxm_wacc *got = NULL;
    if (strcmp(kind, "wacc") == 0) {
        size_t len = parse_hex(data, bytes, sizeof bytes);
        if (len == SIZE_MAX) {
            fail("bad hex", i);
        }
        must(cxm_wacc_decode(bytes, len, &got), "wacc_decode", i);
    } else {
        must(cxm_wacc_parse(data, strlen(data), &got), "wacc_parse", i);
    }
    cxm_wacc *here = make_wacc(i);
    size_t len_got = 0, len_here = 0;
    must(cxm_wacc_encode(got, bytes, sizeof bytes, &len_got), "wacc_encode", i);
    must(cxm_wacc_encode(here, want, sizeof want, &len_here), "wacc_encode", i);
    if (len_got != len_here || memcmp(bytes, want, len_got) != 0) {
        fail("weighted state differs from the state made here", i);
    }
    cxm_wacc_free(got);
    cxm_wacc_free(here);
}

/* One line written on another host: its data must be what this host writes
 * for the same state, and must decode (or parse) to the state made here. */
static void check_line(int i, const char *kind, const char *data)
{
    static char mine[LINE_MAX_BYTES];
    size_t k = 0;
    while (k < KINDS && strcmp(kind, kinds[k]) != 0) {
        k++;
    }
    if (k == KINDS) {
        fail("unknown kind", i);
    }
    render(i, kind, mine, sizeof mine);
    if (strcmp(mine, data) != 0) {
        fprintf(stderr, "read:  %s\nhere:  %s\n", data, mine);
        fail("the line differs from the one written here", i);
    }
    if (strcmp(kind, "series") == 0) {
        check_series(i, data);
        return;
    }
    if (kind[0] == 'w') {
        check_wacc(i, kind, data);
        return;
    }
    cxm_acc *got = NULL;
    if (strcmp(kind, "acc") == 0) {
        unsigned char bytes[CXM_ENCODED_MAX];
        size_t len = parse_hex(data, bytes, sizeof bytes);
        if (len == SIZE_MAX) {
            fail("bad hex", i);
        }
        must(cxm_acc_decode(bytes, len, &got), "decode", i);
    } else {
        must(cxm_acc_parse(data, strlen(data), &got), "parse", i);
    }
    cxm_acc *want = make_state(i);
    if (!same_state(got, want)) {
        fail("decoded state differs from the state made here", i);
    }
    cxm_acc_free(got);
    cxm_acc_free(want);
}

static int check_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return EXIT_FAILURE;
    }
    static char line[LINE_MAX_BYTES];
    int checked = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        int i = 0;
        char kind[16];
        int data_at = 0;
        if (sscanf(line, "state%d %15s %n", &i, kind, &data_at) != 2 || i < 0 || i >= STATES) {
            fail("malformed line", checked);
        }
        check_line(i, kind, line + data_at);
        checked++;
    }
    fclose(f);
    if (checked != (int)KINDS * STATES) {
        fail("wrong number of lines", checked);
    }
    printf("portable_bytes: %d states from %s decode to the states made here\n", checked, path);
    return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "write") == 0) {
        write_states();
        return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_SUCCESS : EXIT_FAILURE;
    }
    if (argc == 3 && strcmp(argv[1], "check") == 0) {
        return check_file(argv[2]);
    }
    fputs("usage: portable_bytes write | portable_bytes check FILE\n", stderr);
    return 2;
}
