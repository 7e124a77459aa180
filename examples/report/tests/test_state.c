/*
 * The cxm-report state file refuses damage: every truncation, every
 * single-bit flip and an appended byte of a saved state — without dates
 * (accumulators) and with them (series of days), unweighted and weighted —
 * is refused by state_load with one message naming the file, and the intact
 * file loads. In process,
 * so the thousands of cases take milliseconds (and run under valgrind).
 */
#define _POSIX_C_SOURCE 200809L /* dup2, fileno: stderr into a log */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "input.h"
#include "state.h"
#include "survey.h"

#define NAME "damaged.state"

static FILE *with_bytes(const unsigned char *bytes, size_t len)
{
    FILE *f = tmpfile();
    if (f == NULL || fwrite(bytes, 1, len, f) != len || fflush(f) != 0) {
        perror("tmpfile");
        exit(2);
    }
    rewind(f);
    return f;
}

/* An empty survey on the default scales. */
static void start(survey *s, enum days_kept days, bool weighted)
{
    metric_scales scales;
    metric_scales_default(&scales);
    survey_init(s, &scales, weighted, days);
}

/* The state file of a small CSV, read with the dates kept as days says,
 * weighted by its column w or not. */
static unsigned char *saved(const char *csv, enum days_kept days, bool weighted, size_t *len)
{
    survey s;
    input_format format;
    start(&s, days, weighted);
    input_format_init(&format);
    format.header[FIELD_WEIGHT] = weighted ? "w" : NULL;
    FILE *in = with_bytes((const unsigned char *)csv, strlen(csv)), *out = tmpfile();
    if (out == NULL || !answers_read(&s, &format, in, "small.csv") ||
        !state_save(&s, out, "small.state")) {
        fprintf(stdout, "cannot make the state to damage\n");
        exit(1);
    }
    long size = ftell(out);
    unsigned char *bytes = malloc((size_t)size);
    rewind(out);
    if (bytes == NULL || fread(bytes, 1, (size_t)size, out) != (size_t)size) {
        exit(2);
    }
    fclose(in);
    fclose(out);
    survey_free(&s);
    *len = (size_t)size;
    return bytes;
}

/* 0 if refused, 1 if loaded. */
static int loads(const unsigned char *bytes, size_t len, enum days_kept days, bool weighted)
{
    survey s;
    start(&s, days, weighted);
    FILE *f = with_bytes(bytes, len);
    bool ok = state_load(&s, f, NAME);
    fclose(f);
    survey_free(&s);
    return ok;
}

/* Every damage of one state; returns the number of cases, adds failures. */
static size_t damage(const char *csv, enum days_kept days, bool weighted, unsigned long *accepted)
{
    size_t len;
    unsigned char *good = saved(csv, days, weighted, &len);
    unsigned char *bad = malloc(len + 1);
    size_t cases = 0;
    if (bad == NULL || !loads(good, len, days, weighted)) {
        printf("the intact state does not load\n");
        exit(1);
    }
    for (size_t cut = 0; cut < len; cut++, cases++) {
        *accepted += (unsigned long)loads(good, cut, days, weighted);
    }
    memcpy(bad, good, len);
    bad[len] = 0;
    *accepted += (unsigned long)loads(bad, len + 1, days, weighted);
    cases++;
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit++, cases++) {
            bad[i] = (unsigned char)(good[i] ^ 1u << bit);
            *accepted += (unsigned long)loads(bad, len, days, weighted);
            bad[i] = good[i];
        }
    }
    free(good);
    free(bad);
    return cases;
}

/* Each refusal printed exactly one line, and it names the file. */
static unsigned long lines_naming_the_file(FILE *log, unsigned long *others)
{
    char line[512];
    unsigned long naming = 0;
    rewind(log);
    while (fgets(line, sizeof line, log) != NULL) {
        if (strncmp(line, NAME ": ", strlen(NAME) + 2) == 0) {
            naming++;
        } else {
            (*others)++;
        }
    }
    return naming;
}

int main(void)
{
    FILE *log = tmpfile();
    if (log == NULL || dup2(fileno(log), 2) < 0) {
        return 2;
    }
    unsigned long accepted = 0, others = 0;
    static const char flat[] =
        "metric,rating,segment,w\nnps,9,chat,3\nnps,3,mail,70\ncsat,5,chat,1\n";
    static const char dated[] = "date,metric,rating,w\n2026-11-02,nps,9,12\n2026-11-05,nps,2,400\n"
                                "2026-10-30,csat,4,5\n2026-11-05,nps,10,1\n";
    size_t cases = 0;
    for (int weighted = 0; weighted < 2; weighted++) {
        cases += damage(flat, DAYS_NONE, weighted, &accepted);
        cases += damage(dated, DAYS_ALL, weighted, &accepted);
    }
    fflush(stderr);
    unsigned long naming = lines_naming_the_file(log, &others);
    if (accepted > 0 || naming != cases || others > 0) {
        printf("%lu of %zu damaged states accepted; %lu messages name the file, %lu others\n",
               accepted, cases, naming, others);
        return 1;
    }
    printf("%zu damaged states refused, each with one message naming the file\n", cases);
    return 0;
}
