/*
 * Calendar dates and report periods, without time-zone libraries.
 *
 * A date is a day number: days since 1970-01-01 in the proleptic Gregorian
 * calendar (Hinnant's days-from-civil algorithm, exact for every year). An
 * RFC 3339 timestamp counts on the calendar date it carries: its offset says
 * where the answer was given, and that local date is the day the customer
 * saw, so 2026-11-30T23:30:00-05:00 is a 30 November answer. Periods are
 * days, ISO 8601 weeks (Monday first; the week belongs to the year of its
 * Thursday, so 2026-12-31 lies in 2026-W53 and 2027-01-01 too) and months.
 *
 * The report's dates are those of four-digit years, 0001-01-01 to
 * 9999-12-31: the CSV reader accepts nothing else, and the state reader
 * refuses a period outside them (period_in_range) before it computes with
 * it. The functions below are exact, without integer overflow, for day
 * numbers and periods within DATE_DOMAIN of that range, which covers every
 * window the report computes around a date (at most 2^21 days away).
 */
#ifndef DATES_H
#define DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DATE_FIRST_DAY (-719162) /* 0001-01-01 */
#define DATE_LAST_DAY  2932896   /* 9999-12-31 */
#define DATE_DOMAIN    ((int64_t)1 << 32)

#define DATE_TEXT_MAX 32 /* "YYYY-MM-DD" and its NUL, with room for any 64-bit year */

/* Days since 1970-01-01 of a valid year, month (1-12) and day. */
int64_t days_from_civil(int64_t year, int month, int day);

/* The year, month and day of a day number. */
void civil_from_days(int64_t days, int64_t *year, int *month, int *day);

/* Reads a whole field, YYYY-MM-DD or an RFC 3339 timestamp
 * (YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM); t, z and a space for
 * the T are accepted, as RFC 3339 allows), into its day number. Returns
 * false if the text is not such a date, names a day that does not exist, or
 * a year before 0001. */
bool date_parse(const char *text, int64_t *day);

/* "YYYY-MM-DD" */
void date_format(int64_t day, char buf[DATE_TEXT_MAX]);

/* What a report's rows are: one per day, ISO week or month, or one total
 * (PERIOD_NONE). */
enum period { PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_NONE };

/* "day", "week", "month", "none" */
const char *period_name(enum period p);

/* The period of a name period_name gives; false for any other text. */
bool period_parse(const char *name, enum period *out);

/* The number of the period (day, week or month) holding a day: the day
 * itself, the week counted from the one starting Monday 1969-12-29, or
 * year * 12 + month - 1. */
int64_t period_of(enum period p, int64_t day);

/* Whether a period number, from any source, holds a day from DATE_FIRST_DAY
 * to DATE_LAST_DAY. It only compares, so it is safe for any int64_t. */
bool period_in_range(enum period p, int64_t period);

/* The first and last day of a period number. */
int64_t period_first_day(enum period p, int64_t period);
int64_t period_last_day(enum period p, int64_t period);

#define PERIOD_TEXT_MAX 32
/* "2026-11-30", "2026-W49", "2026-11" */
void period_format(enum period p, int64_t period, char buf[PERIOD_TEXT_MAX]);

#endif
