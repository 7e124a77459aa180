/* Reading survey answers into accumulators; see survey.h. */
#include "survey.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES 1024 /* a longer line is reported and skipped */
#define MAX_FIELDS 3

static const struct {
    const char *name;
    int preset;
} metrics[METRIC_COUNT] = {
    {"csat", CXM_PRESET_CSAT_5},
    {"nps", CXM_PRESET_NPS},
    {"ces", CXM_PRESET_CES_7},
};

const char *metric_name(int metric)
{
    return metrics[metric].name;
}

int metric_preset(int metric)
{
    return metrics[metric].preset;
}

static int equal_ignoring_case(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) {
            return 0;
        }
    }
    return *a == *b;
}

int metric_from_name(const char *name)
{
    for (int m = 0; m < METRIC_COUNT; m++) {
        if (equal_ignoring_case(name, metrics[m].name)) {
            return m;
        }
    }
    return -1;
}

cxm_acc *survey_group_acc(survey *s, int metric, const char *segment)
{
    for (size_t i = 0; i < s->count; i++) {
        if (s->groups[i].metric == metric && strcmp(s->groups[i].segment, segment) == 0) {
            return s->groups[i].acc;
        }
    }
    if (s->count == s->capacity) {
        size_t capacity = s->capacity == 0 ? 16 : 2 * s->capacity;
        survey_group *grown = realloc(s->groups, capacity * sizeof *grown);
        if (grown == NULL) {
            return NULL;
        }
        s->groups = grown;
        s->capacity = capacity;
    }
    cxm_scale scale = CXM_SCALE_INIT;
    survey_group *g = &s->groups[s->count];
    if (cxm_scale_preset(metric_preset(metric), &scale) != CXM_OK ||
        cxm_acc_new(&scale, &g->acc) != CXM_OK) {
        return NULL;
    }
    g->metric = metric;
    snprintf(g->segment, sizeof g->segment, "%s", segment);
    s->count++;
    return g->acc;
}

cxm_acc *survey_metric_total(const survey *s, int metric)
{
    cxm_acc *total = NULL;
    for (size_t i = 0; i < s->count; i++) {
        if (s->groups[i].metric != metric) {
            continue;
        }
        /* The first group is cloned, the others merged in: exact, so the
         * total is what one accumulator fed every answer would hold. */
        int status = total == NULL ? cxm_acc_clone(s->groups[i].acc, &total)
                                   : cxm_acc_merge(total, s->groups[i].acc);
        if (status != CXM_OK) {
            cxm_acc_free(total);
            return NULL;
        }
    }
    return total;
}

static int group_order(const void *a, const void *b)
{
    const survey_group *x = a, *y = b;
    if (x->metric != y->metric) {
        return x->metric < y->metric ? -1 : 1;
    }
    return strcmp(x->segment, y->segment);
}

void survey_sort(survey *s)
{
    if (s->count > 1) {
        qsort(s->groups, s->count, sizeof s->groups[0], group_order);
    }
}

void survey_free(survey *s)
{
    for (size_t i = 0; i < s->count; i++) {
        cxm_acc_free(s->groups[i].acc);
    }
    free(s->groups);
    *s = (survey)SURVEY_INIT;
}

/* ---- CSV ------------------------------------------------------------------ */

static char *trim(char *text)
{
    while (isspace((unsigned char)*text)) {
        text++;
    }
    size_t len = strlen(text);
    while (len > 0 && isspace((unsigned char)text[len - 1])) {
        text[--len] = '\0';
    }
    return text;
}

/* Splits a line into at most MAX_FIELDS comma-separated fields, in place.
 * A field may be quoted ("North, East", with "" for a quote inside). Returns
 * the number of fields, or -1 for too many fields or an unterminated quote. */
static int split_fields(char *line, char *fields[MAX_FIELDS])
{
    int count = 0;
    char *p = line;
    for (;;) {
        if (count == MAX_FIELDS) {
            return -1;
        }
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == '"') {
            char *out = ++p;
            fields[count++] = out;
            for (;; p++) {
                if (*p == '\0') {
                    return -1;
                }
                if (*p == '"' && p[1] == '"') {
                    *out++ = *p++;
                } else if (*p == '"') {
                    break;
                } else {
                    *out++ = *p;
                }
            }
            *out = '\0';
            p = strchr(p + 1, ',');
        } else {
            fields[count++] = p;
            p = strchr(p, ',');
        }
        if (p == NULL) {
            break;
        }
        *p++ = '\0';
    }
    for (int i = 0; i < count; i++) {
        fields[i] = trim(fields[i]);
    }
    return count;
}

static void report_bad(survey *s, const char *name, unsigned long line, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "%s:%lu: ", name, line);
    vfprintf(stderr, format, args);
    fprintf(stderr, "; line skipped\n");
    va_end(args);
    s->bad_lines++;
}

/* A whole-field decimal integer that fits int32_t. */
static int parse_rating(const char *text, int32_t *rating)
{
    char *end;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || value < INT32_MIN ||
        value > INT32_MAX) {
        return -1;
    }
    *rating = (int32_t)value;
    return 0;
}

/* Records a rating in its group. A group made for a rating that then turns
 * out to be invalid is dropped again, so a bad line leaves no trace. */
static int record(survey *s, int metric, const char *segment, int32_t rating)
{
    size_t groups_before = s->count;
    cxm_acc *acc = survey_group_acc(s, metric, segment);
    int status = acc == NULL ? CXM_ERR_NOMEM : cxm_acc_add(acc, rating);
    if (status != CXM_OK && s->count > groups_before) {
        cxm_acc_free(s->groups[--s->count].acc);
    }
    return status;
}

/* One data line; bad ones are reported and skipped. */
static void read_answer(survey *s, char *line, int columns, const char *name, unsigned long n)
{
    char *fields[MAX_FIELDS];
    int count = split_fields(line, fields);
    if (count != columns) {
        report_bad(s, name, n, count < 0 ? "malformed quoting or more than %d fields"
                                         : "%d fields expected", columns);
        return;
    }
    int metric = metric_from_name(fields[0]);
    if (metric < 0) {
        report_bad(s, name, n, "unknown metric '%s' (csat, nps or ces)", fields[0]);
        return;
    }
    if (fields[1][0] == '\0') {
        s->missing++; /* a skipped question: not a rating, never counted */
        return;
    }
    int32_t rating;
    if (parse_rating(fields[1], &rating) != 0) {
        report_bad(s, name, n, "rating '%s' is not a 32-bit integer", fields[1]);
        return;
    }
    const char *segment = columns == 3 ? fields[2] : "";
    if (strlen(segment) >= SEGMENT_MAX) {
        report_bad(s, name, n, "segment name longer than %d bytes", SEGMENT_MAX - 1);
        return;
    }
    int status = record(s, metric, segment, rating);
    if (status != CXM_OK) {
        report_bad(s, name, n, "%s rating %ld: %s (%s)", metric_name(metric), (long)rating,
                   cxm_status_message(status), cxm_status_name(status));
    }
}

/* The header names the columns: 2 (metric, rating) or 3 (and segment). */
static int read_header(char *line)
{
    char *fields[MAX_FIELDS];
    int count = split_fields(line, fields);
    if (count < 2 || !equal_ignoring_case(fields[0], "metric") ||
        !equal_ignoring_case(fields[1], "rating") ||
        (count == 3 && !equal_ignoring_case(fields[2], "segment"))) {
        return -1;
    }
    return count;
}

/* Reads one line without its end (LF or CRLF). Returns 1 for a line, 0 at
 * the end, -1 for a line too long for the buffer (the rest is consumed). */
static int read_line(FILE *in, char *buf, size_t size)
{
    if (fgets(buf, (int)size, in) == NULL) {
        return 0;
    }
    size_t len = strlen(buf);
    if (len > 0 && buf[len - 1] == '\n') {
        buf[--len] = '\0';
    } else if (!feof(in)) {
        int c;
        while ((c = fgetc(in)) != EOF && c != '\n') {
        }
        return -1;
    }
    if (len > 0 && buf[len - 1] == '\r') {
        buf[--len] = '\0';
    }
    return 1;
}

int survey_read_csv(survey *s, FILE *in, const char *name)
{
    char line[LINE_MAX_BYTES];
    unsigned long n = 1;
    int got = read_line(in, line, sizeof line);
    int columns = got == 1 ? read_header(line) : -1;
    if (columns < 0) {
        fprintf(stderr, "%s:1: expected the header metric,rating[,segment]\n", name);
        return -1;
    }
    while ((got = read_line(in, line, sizeof line)) != 0) {
        n++;
        if (got < 0) {
            report_bad(s, name, n, "line longer than %d bytes", LINE_MAX_BYTES - 1);
        } else if (trim(line)[0] != '\0') {
            read_answer(s, line, columns, name, n);
        }
    }
    if (ferror(in)) {
        fprintf(stderr, "%s: read error\n", name);
        return -1;
    }
    return 0;
}

/* ---- saved states ------------------------------------------------------------ */

static const char state_magic[4] = {'C', 'X', 'M', 'S'};
#define STATE_VERSION 1
#define ENCODING_MAX 4096 /* far above the largest encoding (about 1.2 KiB) */

static int put_u32le(FILE *out, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    return fwrite(b, 1, 4, out) == 4 ? 0 : -1;
}

static int save_group(const survey_group *g, FILE *out)
{
    unsigned char bytes[ENCODING_MAX];
    size_t len = 0;
    if (cxm_acc_encode(g->acc, bytes, sizeof bytes, &len) != CXM_OK) {
        return -1;
    }
    unsigned char head[2] = {(unsigned char)g->metric, (unsigned char)strlen(g->segment)};
    if (fwrite(head, 1, 2, out) != 2 || fwrite(g->segment, 1, head[1], out) != head[1] ||
        put_u32le(out, (uint32_t)len) != 0 || fwrite(bytes, 1, len, out) != len) {
        return -1;
    }
    return 0;
}

int survey_save(const survey *s, FILE *out)
{
    unsigned char version = STATE_VERSION;
    if (fwrite(state_magic, 1, 4, out) != 4 || fwrite(&version, 1, 1, out) != 1) {
        return -1;
    }
    for (size_t i = 0; i < s->count; i++) {
        if (save_group(&s->groups[i], out) != 0) {
            return -1;
        }
    }
    return fflush(out) == 0 ? 0 : -1;
}

/* One group record; 1 if read and merged, 0 at a clean end, -1 on error. */
static int load_group(survey *s, FILE *in, const char *name)
{
    unsigned char head[2], len_bytes[4], bytes[ENCODING_MAX];
    char segment[SEGMENT_MAX];
    size_t got = fread(head, 1, 2, in);
    if (got == 0 && feof(in)) {
        return 0;
    }
    if (got != 2 || head[0] >= METRIC_COUNT || head[1] >= SEGMENT_MAX ||
        fread(segment, 1, head[1], in) != head[1] || fread(len_bytes, 1, 4, in) != 4) {
        fprintf(stderr, "%s: truncated or malformed saved state\n", name);
        return -1;
    }
    segment[head[1]] = '\0';
    uint32_t len = (uint32_t)len_bytes[0] | (uint32_t)len_bytes[1] << 8 |
                   (uint32_t)len_bytes[2] << 16 | (uint32_t)len_bytes[3] << 24;
    if (len > sizeof bytes || fread(bytes, 1, len, in) != len) {
        fprintf(stderr, "%s: truncated or malformed saved state\n", name);
        return -1;
    }
    cxm_acc *saved = NULL;
    int status = cxm_acc_decode(bytes, len, &saved);
    if (status == CXM_OK) {
        cxm_acc *into = survey_group_acc(s, head[0], segment);
        status = into == NULL ? CXM_ERR_NOMEM : cxm_acc_merge(into, saved);
        cxm_acc_free(saved);
    }
    if (status != CXM_OK) {
        fprintf(stderr, "%s: %s %s: %s\n", name, metric_name(head[0]), segment,
                cxm_status_message(status));
        return -1;
    }
    return 1;
}

int survey_load(survey *s, FILE *in, const char *name)
{
    char magic[4];
    int version = 0;
    if (fread(magic, 1, 4, in) != 4 || memcmp(magic, state_magic, 4) != 0 ||
        (version = fgetc(in)) != STATE_VERSION) {
        fprintf(stderr, "%s: not a cxm-report saved state (version %d)\n", name, version);
        return -1;
    }
    int got;
    while ((got = load_group(s, in, name)) == 1) {
    }
    return got;
}

/* ---- method names ------------------------------------------------------------ */

static const struct {
    const char *name;
    int method;
} methods[] = {
    {"default", CXM_METHOD_DEFAULT},
    {"wilson", CXM_METHOD_WILSON},
    {"wilson-cc", CXM_METHOD_WILSON_CC},
    {"agresti-coull", CXM_METHOD_AGRESTI_COULL},
    {"clopper-pearson", CXM_METHOD_CLOPPER_PEARSON},
    {"wald", CXM_METHOD_WALD},
    {"adjusted-wald", CXM_METHOD_ADJUSTED_WALD},
    {"score", CXM_METHOD_SCORE},
    {"t", CXM_METHOD_T},
};

int method_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (equal_ignoring_case(name, methods[i].name)) {
            return methods[i].method;
        }
    }
    return -1;
}

const char *method_name(int method)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (methods[i].method == method) {
            return methods[i].name;
        }
    }
    return "?";
}
