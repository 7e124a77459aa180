"""Expected numbers for the example programs, computed straight from the
bundled CSV files with Python's csv, datetime and fractions modules and
mpmath's normal and Student t distributions — independently of cxmetrics.
CI compares the programs' --format csv output with the committed results;
mpmath (Debian: python3-mpmath) and R (Rscript) are needed only to regenerate
them:

    python3 examples/report/tests/expected.py examples/data examples/report/tests

Formulas, as in docs/statistics.md and their sources: CSAT, Wilson's score
interval and, for changes, the pooled two-proportion z test with Newcombe's
hybrid score interval (Newcombe 1998, method 10); NPS, the adjusted-Wald
interval of Rocks (2016) (add 3/4 promoter, 3/4 detractor, 3/2 neutral) and
a z test on the two adjusted estimates; CES, Student's t interval and
Welch's t test with the Welch-Satterthwaite degrees of freedom. Dates: a
timestamp counts on the calendar date it carries (datetime.fromisoformat(...)
.date()), weeks are ISO weeks (date.isocalendar()). A period is partial when
it reaches before the first or after the last date of the answers (those
without a rating included), and a change into or out of a partial period is
never tested. The p-values of every tested change in one report are one
family: their q-values are R's p.adjust (Benjamini-Hochberg unless said),
computed by Rscript when this script runs, and a change is significant when
q < 1 - confidence. Answers with an empty segment form the segment (blank),
listed after the named ones.

The export sample (data/helpdesk-export.csv) is read with csv's ';'
dialect from its byte order mark on, its columns by the names its tool
gives them, CSAT on 1-10 (positive 8-10, negative 1-4) and CES on 1-5
(positive 1-2, negative 4-5), as docs/metrics.md defines csat10 and ces5.

This replaces expected.R (R is not installed where the data was regenerated
for cxmetrics 1.1); its formulas are the same, and it produced the same
values on the 1.0 data.
"""
import csv
import datetime
import os
import subprocess
import sys
from fractions import Fraction

import mpmath as mp

mp.mp.dps = 40
BANDS = {"csat": (4, 5, 1, 2), "nps": (9, 10, 0, 6), "ces": (5, 7, 1, 3)}
EXPORT_BANDS = {"csat": (8, 10, 1, 4), "nps": (9, 10, 0, 6), "ces": (1, 2, 4, 5)}
METHODS = {"csat": "wilson", "nps": "adjusted-wald", "ces": "t"}
METRICS = ["csat", "nps", "ces"]
CONFIDENCE = mp.mpf("0.95")


def f(x):
    """17 digits; infinity as R writes it (Inf), as the committed files always had it."""
    if x is None:
        return ""
    return ("Inf" if x > 0 else "-Inf") if mp.isinf(x) else "%.17g" % float(x)


def z_of(conf):
    return mp.sqrt(2) * mp.erfinv(conf)


def normal_p(z):  # two-sided
    return mp.erfc(abs(z) / mp.sqrt(2))


def t_cdf(t, df):
    x = df / (df + t * t)
    tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2
    return 1 - tail if t > 0 else tail


def t_quantile(q, df):
    return mp.findroot(lambda t: t_cdf(t, df) - q, mp.mpf(2))


COVERED = {}  # file: the dates of every answer read, rated or not
COVERAGE = [None, None]  # the first and last of them in the report's input


def read(path):
    """(metric, segment, date, rating) of every answer with a rating."""
    rows = []
    COVERED[path] = []
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            day = datetime.datetime.fromisoformat(r["date"]).date() if "date" in r else None
            COVERED[path].append(day)
            if r["rating"] == "":
                continue  # a missing answer is not a rating
            rows.append((r["metric"], r.get("segment", ""), day, int(r["rating"])))
    return rows


def counts(metric, ratings):
    b = BANDS[metric]
    P = sum(b[0] <= x <= b[1] for x in ratings)
    D = sum(b[2] <= x <= b[3] for x in ratings)
    return P, len(ratings) - P - D, D, len(ratings)


def wilson(P, n, conf=CONFIDENCE):
    z = z_of(conf)
    p = mp.mpf(P) / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def adjusted(P, D, n):
    n2 = n + 3
    p, d = (P + mp.mpf("0.75")) / n2, (D + mp.mpf("0.75")) / n2
    return p - d, (p + d - (p - d) ** 2) / n2


def mean_var(ratings):
    n = len(ratings)
    m = Fraction(sum(ratings), n)
    v = sum((Fraction(x) - m) ** 2 for x in ratings) / (n - 1) if n > 1 else None
    return m, v


def summarise(metric, ratings):
    """n, score, low, high, method, positive, neutral, negative."""
    P, N, D, n = counts(metric, ratings)
    if n == 0:
        return [0, None, None, None, "", P, N, D]
    if metric == "csat":
        lo, hi = wilson(P, n)
        return [n, Fraction(100 * P, n), 100 * lo, 100 * hi, "wilson", P, N, D]
    if metric == "nps":
        c, v = adjusted(P, D, n)
        z = z_of(CONFIDENCE)
        lo, hi = max(c - z * mp.sqrt(v), -1), min(c + z * mp.sqrt(v), 1)
        return [n, Fraction(100 * (P - D), n), 100 * lo, 100 * hi, "adjusted-wald", P, N, D]
    m, v = mean_var(ratings)
    if v is None:
        return [n, m, None, None, "", P, N, D]
    half = t_quantile((1 + CONFIDENCE) / 2, n - 1) * mp.sqrt(mp.mpf(v.numerator) / v.denominator / n)
    mm = mp.mpf(m.numerator) / m.denominator
    return [n, m, mm - half, mm + half, "t", P, N, D]


def compare(metric, a, b):
    """difference, low, high, statistic, df, p of a - b; None if undefined."""
    Pa, _, Da, na = counts(metric, a)
    Pb, _, Db, nb = counts(metric, b)
    if na == 0 or nb == 0:
        return None
    z95 = z_of(CONFIDENCE)
    if metric == "csat":
        pa, pb = mp.mpf(Pa) / na, mp.mpf(Pb) / nb
        pool = mp.mpf(Pa + Pb) / (na + nb)
        se = mp.sqrt(pool * (1 - pool) * (mp.mpf(1) / na + mp.mpf(1) / nb))
        d = pa - pb
        z = d / se if se > 0 else (0 if d == 0 else mp.inf * mp.sign(d))
        la, ua = wilson(Pa, na)
        lb, ub = wilson(Pb, nb)
        low = d - mp.sqrt((pa - la) ** 2 + (ub - pb) ** 2)
        high = d + mp.sqrt((ua - pa) ** 2 + (pb - lb) ** 2)
        return [Fraction(100 * Pa, na) - Fraction(100 * Pb, nb), 100 * low, 100 * high, z,
                mp.inf, normal_p(z)]
    if metric == "nps":
        ca, va = adjusted(Pa, Da, na)
        cb, vb = adjusted(Pb, Db, nb)
        se = mp.sqrt(va + vb)
        z = (ca - cb) / se
        diff = Fraction(100 * (Pa - Da), na) - Fraction(100 * (Pb - Db), nb)
        return [diff, 100 * (ca - cb - z95 * se), 100 * (ca - cb + z95 * se), z, mp.inf,
                normal_p(z)]
    if na < 2 or nb < 2:
        return None
    ma, va = mean_var(a)
    mb, vb = mean_var(b)
    if va == 0 and vb == 0:
        return None
    qa, qb = va / na, vb / nb
    se = mp.sqrt(mp.mpf((qa + qb).numerator) / (qa + qb).denominator)
    df_frac = (qa + qb) ** 2 / (qa * qa / (na - 1) + qb * qb / (nb - 1))
    df = mp.mpf(df_frac.numerator) / df_frac.denominator
    diff = ma - mb
    t = mp.mpf(diff.numerator) / diff.denominator / se
    half = t_quantile((1 + CONFIDENCE) / 2, df) * se
    dd = mp.mpf(diff.numerator) / diff.denominator
    return [diff, dd - half, dd + half, t, df, 2 * (1 - t_cdf(abs(t), df))]


def lines(rows):
    """(metric, segment label, rows of that line), (all) first, segments bytewise, then
    (blank) when there are named ones."""
    for metric in METRICS:
        mine = [r for r in rows if r[0] == metric]
        if not mine:
            continue
        yield metric, "(all)", mine
        named = sorted({r[1] for r in mine if r[1]}, key=lambda s: s.encode())
        for seg in named:
            yield metric, seg, [r for r in mine if r[1] == seg]
        if named and any(r[1] == "" for r in mine):
            yield metric, "(blank)", [r for r in mine if r[1] == ""]


def cell(x):
    """Integers as integers, other numbers to 17 digits, None as empty."""
    if x is None:
        return ""
    if isinstance(x, (str, int)):
        return str(x)
    if isinstance(x, Fraction):
        return f(mp.mpf(x.numerator) / x.denominator)
    return f(x)


def write(path, header, out):
    with open(path, "w") as fh:
        fh.write(",".join(header) + "\n")
        for row in out:
            fh.write(",".join(cell(x) for x in row) + "\n")


def report_total(rows):
    return [[m, s] + summarise(m, [r[3] for r in line]) for m, s, line in lines(rows)]


def month_of(day):
    return day.year * 12 + day.month - 1


def month_range(period):
    y, m = divmod(period, 12)
    first = datetime.date(y, m + 1, 1)
    y2, m2 = divmod(period + 1, 12)
    return first, datetime.date(y2, m2 + 1, 1) - datetime.timedelta(days=1)


def partial(first, last):
    return first < COVERAGE[0] or last > COVERAGE[1]


R_NAMES = {"bh": "BH", "by": "BY", "holm": "holm", "hochberg": "hochberg",
           "bonferroni": "bonferroni"}


def p_adjust(ps, method="bh"):
    """R's p.adjust of the p-values (mpf), as doubles: the reference values."""
    if method == "none":
        return [float(p) for p in ps]
    script = f'p <- scan(file("stdin"), quiet = TRUE); cat(sprintf("%.17g", p.adjust(p, "{R_NAMES[method]}")), sep = "\\n")'
    text = "\n".join("%.17g" % float(p) for p in ps) + "\n"
    run = subprocess.run(["Rscript", "-e", script], input=text, capture_output=True, text=True,
                         check=True)
    return [float(x) for x in run.stdout.split()]


def windows_row(metric, seg, label, first, last, now, before, before_partial=False):
    """A row, its last element whether its change is tested (for adjust_family)."""
    part = partial(first, last)
    row = [metric, seg, label, first.isoformat(), last.isoformat(), "yes" if part else "no"]
    row += summarise(metric, now)
    c = compare(metric, now, before) if before is not None else None
    if c is None:
        return row + [None, None, None, None, None, "", False]
    return row + [c[0], c[1], c[2], c[5], None, "no", not part and not before_partial]


def adjust_family(rows, method="bh"):
    """q and significant of every tested change, from R's p.adjust of all of them."""
    tested = [r for r in rows if r[-1]]
    for r, q in zip(tested, p_adjust([r[-4] for r in tested], method)):
        r[-3], r[-2] = q, "yes" if q < 1 - CONFIDENCE else "no"
    return [r[:-1] for r in rows]


def report_by_month(rows, method="bh"):
    days = [r[2] for r in rows]
    lo, hi = month_of(min(days)), month_of(max(days))
    out = []
    for metric, seg, line in lines(rows):
        before, before_partial = None, False
        for p in range(lo, hi + 1):
            first, last = month_range(p)
            now = [r[3] for r in line if first <= r[2] <= last]
            label = "%04d-%02d" % (p // 12, p % 12 + 1)
            out.append(windows_row(metric, seg, label, first, last, now, before, before_partial))
            before, before_partial = now, partial(first, last)
    return adjust_family(out, method)


def report_last(rows, days, until=None):
    head = until or max(r[2] for r in rows)
    first = head - datetime.timedelta(days=days - 1)
    prev_last = first - datetime.timedelta(days=1)
    prev_first = prev_last - datetime.timedelta(days=days - 1)
    out = []
    for metric, seg, line in lines(rows):
        now = [r[3] for r in line if first <= r[2] <= head]
        before = [r[3] for r in line if prev_first <= r[2] <= prev_last]
        out.append(windows_row(metric, seg, f"{first.isoformat()}/{head.isoformat()}", first,
                               head, now, before, partial(prev_first, prev_last)))
    return adjust_family(out)


def compare_periods(before, now):
    out = []
    for metric in METRICS:
        a = [r[3] for r in now if r[0] == metric]
        b = [r[3] for r in before if r[0] == metric]
        c = compare(metric, a, b)
        sa, sb = summarise(metric, a), summarise(metric, b)
        out.append([metric, len(b), sb[1], len(a), sa[1], c[0], c[1], c[2], c[3], c[4], c[5]])
    return out


TOTAL = ["metric", "segment", "n", "score", "low", "high", "method", "positive", "neutral",
         "negative"]
PERIODS = TOTAL[:2] + ["period", "first_day", "last_day", "partial"] + TOTAL[2:] + [
    "change", "change_low", "change_high", "p_value", "q", "significant"]


def write_adjusted(path, rows):
    """The q of every tested change of the export by month, by each --adjust method."""
    methods = ["bh", "by", "holm", "hochberg", "bonferroni", "none"]
    reports = [report_by_month(rows, m) for m in methods]
    out = [r[:3] + [r[-3]] + [rep[i][-2] for rep in reports]
           for i, r in enumerate(reports[0]) if r[-2] is not None]
    write(path, ["metric", "segment", "period", "p_value"] + methods, out)


def read_export(path):
    """The export's answers, as --column metric=Survey --column rating=Score --column
    segment=Agent --column "date=Submitted At" reads them."""
    rows = []
    COVERED[path] = []
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            day = datetime.datetime.fromisoformat(r["Submitted At"]).date()
            COVERED[path].append(day)
            if r["Score"] != "":
                rows.append((r["Survey"].lower(), r["Agent"], day, int(r["Score"])))
    return rows


def main():
    data, out = sys.argv[1], sys.argv[2]
    export = os.path.join(data, "helpdesk-export.csv")
    rows = read_export(export)
    COVERAGE[:] = [min(COVERED[export]), max(COVERED[export])]
    BANDS.update(EXPORT_BANDS)
    write(os.path.join(out, "expected-export-by-month.csv"), PERIODS, report_by_month(rows))
    write_adjusted(os.path.join(out, "expected-adjust.csv"), rows)
    BANDS.update({"csat": (4, 5, 1, 2), "ces": (5, 7, 1, 3)})
    now = read(os.path.join(data, "answers.csv"))
    before = read(os.path.join(data, "answers-previous.csv"))
    days = COVERED[os.path.join(data, "answers.csv")]
    COVERAGE[:] = [min(days), max(days)]
    write(os.path.join(out, "expected-report.csv"), TOTAL, report_total(now))
    write(os.path.join(out, "expected-by-month.csv"), PERIODS, report_by_month(now))
    write(os.path.join(out, "expected-last-30.csv"), PERIODS, report_last(now, 30))
    write(os.path.join(out, "expected-last-28-until.csv"), PERIODS,
          report_last(now, 28, datetime.date(2026, 9, 13)))
    write(os.path.join(out, "expected-compare.csv"),
          ["metric", "n_before", "before", "n_after", "after", "difference", "low", "high",
           "statistic", "df", "p_value"], compare_periods(before, now))


if __name__ == "__main__":
    main()
