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
 */
#ifndef DATES_H
#define DATES_H

#include <stddef.h>
#include <stdint.h>

#define DATE_TEXT_MAX 24 /* "YYYY-MM-DD" and its NUL, with room for any int year */

/* Days since 1970-01-01 of a valid year (any), month (1-12) and day. */
int64_t days_from_civil(int64_t year, int month, int day);

/* The year, month and day of a day number. */
void civil_from_days(int64_t days, int64_t *year, int *month, int *day);

/* Reads a whole field, YYYY-MM-DD or an RFC 3339 timestamp
 * (YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM); t, z and a space for
 * the T are accepted, as RFC 3339 allows), into its day number. Returns 0, or
 * -1 if the text is not such a date or names a day that does not exist. */
int date_parse(const char *text, int64_t *day);

/* "YYYY-MM-DD" */
void date_format(int64_t day, char buf[DATE_TEXT_MAX]);

enum period { PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH };

/* The period name ("day", "week", "month") and its value, or -1. */
const char *period_name(enum period p);
int period_parse(const char *name);

/* The number of the period holding a day: the day itself, the week counted
 * from the one starting Monday 1969-12-29, or year * 12 + month - 1. */
int64_t period_of(enum period p, int64_t day);

/* The first and last day of a period number. */
int64_t period_first_day(enum period p, int64_t period);
int64_t period_last_day(enum period p, int64_t period);

#define PERIOD_TEXT_MAX 32
/* "2026-11-30", "2026-W49", "2026-11" */
void period_format(enum period p, int64_t period, char buf[PERIOD_TEXT_MAX]);

#endif
