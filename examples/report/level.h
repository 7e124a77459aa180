/*
 * The confidence level as people write it: 0.95 is "95", 0.999 is "99.9",
 * and the threshold of significance it sets, 1 - 0.95, is "0.05". Four
 * significant digits, as a level is chosen, never more digits than a
 * header's column holds (0.123456789 is "12.35", not "12.3457"); but a level
 * below 1 never reads "100" (0.9999999 is "99.99999"), and a threshold is
 * never in exponent notation ("0.00001", not "1e-05").
 */
#ifndef LEVEL_H
#define LEVEL_H

#define LEVEL_TEXT_MAX 32

/* The value of --confidence: a number in (0, 1). Returns NULL, or why it is
 * not one (the value is to follow in the message). */
const char *level_parse(const char *value, double *confidence);

/* "95" for 0.95: the level in percent, without the '%'. */
void level_percent(double confidence, char text[LEVEL_TEXT_MAX]);

/* "0.05" for 0.95: 1 - confidence, the q (or p) below which a change is
 * significant. */
void level_alpha(double confidence, char text[LEVEL_TEXT_MAX]);

#endif
