/* Calendar dates and report periods; see dates.h. */
#include "dates.h"

#include <stdio.h>
#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of
 * 400 years (146097 days) with March first, so the leap day ends a year. */
int64_t days_from_civil(int64_t year, int month, int day)
{
    year -= month <= 2;
    int64_t era = floor_div(year, 400);
    int64_t year_of_era = year - era * 400;
    int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

void civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
    days += 719468;
    int64_t era = floor_div(days, 146097);
    int64_t day_of_era = days - era * 146097;
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t mp = (5 * day_of_year + 2) / 153;
    *day = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = year_of_era + era * 400 + (*month <= 2);
}

static bool leap(int64_t year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

static int month_length(int64_t year, int month)
{
    static const int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : lengths[month - 1];
}

/* Exactly `width` decimal digits at text, within [low, high]; -1 if not. */
static int digits(const char *text, int width, int low, int high)
{
    int value = 0;
    for (int i = 0; i < width; i++) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value >= low && value <= high ? value : -1;
}

/* HH:MM:SS[.fraction] then Z or +HH:MM / -HH:MM, to the end of the text.
 * Second 60 is a leap second. The time does not move the date. */
static bool valid_time(const char *t)
{
    if (digits(t, 2, 0, 23) < 0 || t[2] != ':' || digits(t + 3, 2, 0, 59) < 0 || t[5] != ':' ||
        digits(t + 6, 2, 0, 60) < 0) {
        return false;
    }
    t += 8;
    if (*t == '.') {
        const char *first = ++t;
        while (*t >= '0' && *t <= '9') {
            t++;
        }
        if (t == first) {
            return false;
        }
    }
    if (*t == 'Z' || *t == 'z') {
        return t[1] == '\0';
    }
    return (*t == '+' || *t == '-') && digits(t + 1, 2, 0, 23) >= 0 && t[3] == ':' &&
           digits(t + 4, 2, 0, 59) >= 0 && t[6] == '\0';
}

bool date_parse(const char *text, int64_t *day)
{
    int year = digits(text, 4, 1, 9999);
    int month = year < 0 || text[4] != '-' ? -1 : digits(text + 5, 2, 1, 12);
    if (month < 0 || text[7] != '-') {
        return false;
    }
    int d = digits(text + 8, 2, 1, month_length(year, month));
    if (d < 0) {
        return false;
    }
    char sep = text[10];
    if (sep != '\0' && !((sep == 'T' || sep == 't' || sep == ' ') && valid_time(text + 11))) {
        return false;
    }
    *day = days_from_civil(year, month, d);
    return true;
}

void date_format(int64_t day, char buf[DATE_TEXT_MAX])
{
    int64_t year;
    int month, d;
    civil_from_days(day, &year, &month, &d);
    snprintf(buf, DATE_TEXT_MAX, "%04lld-%02d-%02d", (long long)year, month, d);
}

static const char *const period_names[] = {
    [PERIOD_DAY] = "day", [PERIOD_WEEK] = "week", [PERIOD_MONTH] = "month", [PERIOD_NONE] = "none"};

const char *period_name(enum period p)
{
    return period_names[p];
}

bool period_parse(const char *name, enum period *out)
{
    for (int p = PERIOD_DAY; p <= PERIOD_NONE; p++) {
        if (strcmp(name, period_names[p]) == 0) {
            *out = (enum period)p;
            return true;
        }
    }
    return false;
}

/* Day 0, 1970-01-01, was a Thursday: the Monday of its week is day -3. */
#define MONDAY_OF_WEEK_0 (-3)

int64_t period_of(enum period p, int64_t day)
{
    if (p == PERIOD_DAY) {
        return day;
    }
    if (p == PERIOD_WEEK) {
        return floor_div(day - MONDAY_OF_WEEK_0, 7);
    }
    int64_t year;
    int month, d;
    civil_from_days(day, &year, &month, &d);
    return year * 12 + month - 1;
}

bool period_in_range(enum period p, int64_t period)
{
    return period >= period_of(p, DATE_FIRST_DAY) && period <= period_of(p, DATE_LAST_DAY);
}

int64_t period_first_day(enum period p, int64_t period)
{
    if (p == PERIOD_DAY) {
        return period;
    }
    if (p == PERIOD_WEEK) {
        return period * 7 + MONDAY_OF_WEEK_0;
    }
    return days_from_civil(floor_div(period, 12), (int)(period - floor_div(period, 12) * 12) + 1,
                           1);
}

int64_t period_last_day(enum period p, int64_t period)
{
    return period_first_day(p, period + 1) - 1;
}

/* ISO 8601: a week is numbered in the year of its Thursday. */
static void iso_week(int64_t week, int64_t *year, int *number)
{
    int64_t thursday = period_first_day(PERIOD_WEEK, week) + 3;
    int month, d;
    civil_from_days(thursday, year, &month, &d);
    *number = (int)((thursday - days_from_civil(*year, 1, 1)) / 7 + 1);
}

void period_format(enum period p, int64_t period, char buf[PERIOD_TEXT_MAX])
{
    if (p == PERIOD_DAY) {
        date_format(period, buf);
    } else if (p == PERIOD_WEEK) {
        int64_t year;
        int number;
        iso_week(period, &year, &number);
        snprintf(buf, PERIOD_TEXT_MAX, "%04lld-W%02d", (long long)year, number);
    } else {
        int64_t year = floor_div(period, 12);
        snprintf(buf, PERIOD_TEXT_MAX, "%04lld-%02d", (long long)year,
                 (int)(period - year * 12) + 1);
    }
}
