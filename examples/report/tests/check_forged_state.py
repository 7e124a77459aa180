"""Forged state files: a state whose checksums are right but whose content no
cxm-report could have written is refused, naming the file and the reason,
before any of it is used — never a report with impossible dates, a library
sentence, or a terminal taken over by a segment name.

The files are built here byte by byte from docs/format.md (the state file,
the series and the accumulator encodings, CRC-32C), independently of the
program:

- dates (issue 20, item 2): series of days, ISO weeks and months whose
  buckets hold answers outside 0001-01-01 ... 9999-12-31, the dates the CSV
  reader accepts — heads near +-2^62, one bucket past either end — are
  refused; the buckets of the first and last day, week and month are read
  and reported under their right labels. Built with -DCXM_SANITIZE=ON, a
  signed overflow anywhere on the way aborts the program, failing this test.
- version 3 says which days its answers cover: a file covering days outside
  that range, or holding answers outside the days it says, is refused; its
  first and last month covered in part are partial in the report.
- weighted records (kinds 4-7): a weighted series whose bucket lies outside
  the dates, whose ages are not newest first, with an empty bucket, a bucket
  on another scale than the series, more buckets than it holds, or a head
  beyond 2^62, is refused; its first and last day are read.
- names (issue 20, item 3): segment names with escape codes, a line break,
  a C1 control or a bidirectional override are refused, as the CSV reader
  refuses them.

  check_forged_state.py CXM_REPORT
"""
import datetime
import os
import struct
import subprocess
import sys
import tempfile

EPOCH = datetime.date(1970, 1, 1)
FIRST, LAST = datetime.date(1, 1, 1), datetime.date(9999, 12, 31)
NPS = (0, 10, 9, 10, 0, 6, 2)  # min, max, positive, negative bands, headline net
KIND = {"day": 1, "week": 2, "month": 3}
problems = []


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def varint(v):
    out = bytearray()
    while True:
        low, v = v & 0x7F, v >> 7
        out.append(low | (0x80 if v else 0))
        if not v:
            return bytes(out)


def checked(body):
    return body + struct.pack("<I", crc32c(body))


def scale_bytes():
    return struct.pack("<6iB", *NPS)


def histogram(rating):
    """One answer of the rating: k = 1, (gap = index, count = 1)."""
    return varint(1) + varint(rating - NPS[0]) + varint(1)


def series(capacity, head, ages):
    """A series of NPS with one 9 in the bucket of each age (ascending)."""
    body = b"CXMS\x01" + scale_bytes() + struct.pack("<Iq", capacity, head) + varint(len(ages))
    previous = -1
    for age in ages:
        body += varint(age - previous - 1) + histogram(9)
        previous = age
    return checked(body)


def accumulator():
    return checked(b"CXMA\x01" + scale_bytes() + histogram(9))


def wacc(entries):
    """A weighted NPS accumulator (docs/format.md, "Weighted accumulators"): entries
    (rating, count, weight total, squares total), ascending."""
    body = b"CXMW\x01" + scale_bytes() + varint(len(entries))
    previous = NPS[0] - 1
    for rating, count, _, _ in entries:
        body += varint(rating - previous - 1) + varint(count)
        previous = rating
    for _, _, weight, squares in entries:
        body += varint(weight) + varint(squares >> 64) + varint(squares & (2 ** 64 - 1))
    return checked(body)


def wseries(capacity, head, buckets, carrier=None):
    """A weighted series record's bytes: capacity, head, the scale as an empty
    weighted accumulator, then (age, weighted accumulator) newest first."""
    carrier = wacc([]) if carrier is None else carrier
    body = struct.pack("<Iq", capacity, head) + struct.pack("<I", len(carrier)) + carrier
    body += struct.pack("<I", len(buckets))
    for age, encoding in buckets:
        body += struct.pack("<II", age, len(encoding)) + encoding
    return body


def state(records, covered=None, version=2):
    """records: (metric, kind, segment bytes, encoding); covered: version 3's
    (dated, first day, last day), day numbers."""
    body = b"CXMR" + bytes([version]) + struct.pack("<I", len(records))
    if version == 3:
        body += struct.pack("<Bqq", *covered)
    for metric, kind, name, encoding in records:
        body += bytes([metric, kind, len(name)]) + name + struct.pack("<I", len(encoding)) + encoding
    return checked(body)


def day_number(d):
    return (d - EPOCH).days


def week_number(d):
    """Weeks since the one starting Monday 1969-12-29 (docs/format.md)."""
    return (day_number(d) + 3) // 7


def month_number(d):
    return d.year * 12 + d.month - 1


def run(report, path, *options):
    return subprocess.run([report, *options, "--format", "csv", "--load", path],
                          capture_output=True, text=True, errors="replace")


def refused(report, tmp, label, content, reason, options=()):
    path = os.path.join(tmp, "forged.state")
    with open(path, "wb") as fh:
        fh.write(content)
    got = run(report, path, *options)
    want = f"{path}: "
    lines = got.stderr.splitlines()
    if (got.returncode != 2 or got.stdout != "" or len(lines) != 1 or
            not lines[0].startswith(want) or reason not in lines[0]):
        problems.append(f"{label} {list(options)}: exit {got.returncode}, expected 2 with one line "
                        f"'{want}...{reason}...'\n  stdout: {got.stdout[:200]!r}\n"
                        f"  stderr: {got.stderr[:300]!r}")


def accepted(report, tmp, label, content, by, period, first, last):
    path = os.path.join(tmp, "edge.state")
    with open(path, "wb") as fh:
        fh.write(content)
    got = run(report, path, "--by", by)
    rows = [line.split(",") for line in got.stdout.splitlines()[1:]]
    want = ["nps", "(all)", period, first.isoformat(), str(last)]
    if got.returncode != 0 or len(rows) != 2 or rows[0][:5] != want:
        problems.append(f"{label}: exit {got.returncode}, rows {rows[:2]}, expected "
                        f"{want}\n  stderr: {got.stderr[:300]!r}")


def check_dates(report, tmp):
    outside = "outside 0001-01-01 ... 9999-12-31"
    limit = 1 << 62
    for by in ("day", "week", "month"):
        kind = KIND[by]
        for head in (limit, limit - 3, -limit):
            content = state([(1, kind, b"x", series(8, head, [0]))])
            for options in ([], ["--by", "none"], ["--by", by]):
                refused(report, tmp, f"{by} series at {head}", content, outside, options)
    # one step past either end, in the head or in an older bucket
    past = {"day": (day_number(FIRST) - 1, day_number(LAST) + 1),
            "week": (week_number(FIRST) - 1, week_number(LAST) + 1),
            "month": (month_number(FIRST) - 1, month_number(LAST) + 1)}
    for by, (before, after) in past.items():
        refused(report, tmp, f"{by} after the last", state([(1, KIND[by], b"x", series(4, after, [0]))]),
                outside)
        refused(report, tmp, f"{by} before the first",
                state([(1, KIND[by], b"x", series(8, before + 3, [0, 3]))]), outside)
    # the first and last day, week and month themselves are fine
    monday_last = LAST - datetime.timedelta(days=LAST.weekday())
    edges = [("day", day_number(FIRST), FIRST.isoformat(), FIRST, FIRST),
             ("day", day_number(LAST), LAST.isoformat(), LAST, LAST),
             ("week", week_number(FIRST), "0001-W01", FIRST, FIRST + datetime.timedelta(days=6)),
             ("week", week_number(LAST), "9999-W52", monday_last, "10000-01-02"),  # a Sunday
             ("month", month_number(FIRST), "0001-01", FIRST, datetime.date(1, 1, 31)),
             ("month", month_number(LAST), "9999-12", datetime.date(9999, 12, 1), LAST)]
    for by, bucket, label, first, last in edges:
        content = state([(1, KIND[by], b"x", series(1, bucket, [0]))])
        accepted(report, tmp, f"{by} {label}", content, by, label, first, last)


def check_coverage(report, tmp):
    """Version 3: the days covered, checked and used."""
    june14, july9 = datetime.date(2026, 6, 14), datetime.date(2026, 7, 9)
    days = (1, day_number(june14), day_number(july9))
    months = series(2, month_number(july9), [0, 1])  # a 9 in June and one in July
    for covered, reason in [((1, day_number(FIRST) - 1, 0), "cover days outside 0001-01-01"),
                            ((1, 0, day_number(LAST) + 1), "cover days outside 0001-01-01"),
                            ((1, 5, 4), "cover days outside 0001-01-01"),
                            ((0, 0, 1), "not a cxm-report state file"),
                            ((2, 0, 0), "not a cxm-report state file"),
                            ((0, 0, 0), "holds dated answers, and the file says none are"),
                            ((1, day_number(june14), day_number(june14) + 5),
                             "holds answers outside 2026-06-14 ... 2026-06-19")]:
        refused(report, tmp, f"version 3 covering {covered}",
                state([(1, KIND["month"], b"x", months)], covered, 3), reason)
    refused(report, tmp, "version 4", state([(1, 0, b"x", accumulator())], (0, 0, 0), 4),
            "another version")
    path = os.path.join(tmp, "covered.state")
    with open(path, "wb") as fh:
        fh.write(state([(1, KIND["month"], b"x", months)], days, 3))
    got = run(report, path)
    partial = [r.split(",")[5] for r in got.stdout.splitlines()[1:]]
    if got.returncode != 0 or partial != ["yes", "yes", "yes", "yes"]:
        problems.append(f"version 3, June 14 to July 9 by month: partial {partial}, expected "
                        f"yes for both months of both lines\n{got.stdout}{got.stderr}")


def check_weighted(report, tmp):
    nine = wacc([(9, 1, 700, 490000)])
    day = 4 + KIND["day"]
    for label, record, reason in [
            ("a head past 2^62", wseries(8, (1 << 62) + 1, [(0, nine)]), "does not decode"),
            ("a head near 2^62", wseries(8, (1 << 62) - 1, [(0, nine)]), "outside 0001-01-01"),
            ("a bucket before 0001-01-01",
             wseries(8, day_number(FIRST) + 2, [(0, nine), (3, nine)]), "outside 0001-01-01"),
            ("ages not newest first", wseries(8, day_number(LAST), [(3, nine), (1, nine)]),
             "does not decode"),
            ("an age past the capacity", wseries(4, day_number(LAST), [(4, nine)]),
             "does not decode"),
            ("an empty bucket", wseries(8, day_number(LAST), [(0, wacc([]))]), "does not decode"),
            ("more buckets than it holds", wseries(1, day_number(LAST), [(0, nine), (1, nine)]),
             "does not decode"),
            ("a bucket on another scale",
             wseries(8, day_number(LAST), [(0, checked(b"CXMW\x01" + struct.pack("<6iB", 1, 5, 4,
                                                                              5, 1, 2, 1) +
                                                     varint(1) + varint(3) + varint(1) + varint(7) +
                                                     varint(0) + varint(49)))]),
             "does not decode"),
            ("a carrier with answers", wseries(8, day_number(LAST), [(0, nine)], nine),
             "does not decode"),
            ("bytes left over", wseries(8, day_number(LAST), [(0, nine)]) + b"\0", "does not decode")]:
        refused(report, tmp, f"weighted series, {label}", state([(1, day, b"x", record)]), reason)
    refused(report, tmp, "a weighted total on another kind's bytes",
            state([(1, 4, b"x", accumulator())]), "does not decode", ["--by", "none"])
    path = os.path.join(tmp, "weighted.state")
    with open(path, "wb") as fh:
        fh.write(state([(1, day, b"x", wseries(2, day_number(LAST), [(0, nine), (1, nine)]))]))
    got = run(report, path, "--by", "day")
    rows = [line.split(",") for line in got.stdout.splitlines()]
    if got.returncode != 0 or rows[0][6:8] != ["n", "n_effective"] or rows[1][2] != "9999-12-30":
        problems.append(f"a weighted series of the last two days: exit {got.returncode}\n"
                        f"{got.stdout[:300]}{got.stderr}")


def check_names(report, tmp):
    not_printable = "a segment name is not printable UTF-8 text"
    for name in (b"\x1b[2J\x1b[31mred", b"chat\nnps,(all),2026-11,forged", b"tab\there",
                 b"csi \xc2\x9b31m", b"\xe2\x80\xaeevil", b"del\x7f", b"\xff\xfe"):
        for kind, encoding in ((0, accumulator()), (1, series(1, day_number(LAST), [0]))):
            refused(report, tmp, f"segment {name!r}", state([(1, kind, name, encoding)]),
                    not_printable, ["--by", "none"] if kind == 0 else [])
            covered = (1, day_number(LAST), day_number(LAST)) if kind else (0, 0, 0)
            refused(report, tmp, f"segment {name!r}, version 3",
                    state([(1, kind, name, encoding)], covered, 3), not_printable,
                    ["--by", "none"] if kind == 0 else [])
    for name in (b"(all)", b"(blank)"):
        refused(report, tmp, f"segment {name!r}", state([(1, 0, name, accumulator())]),
                "the report's own label", ["--by", "none"])


def main():
    report = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        check_dates(report, tmp)
        check_coverage(report, tmp)
        check_weighted(report, tmp)
        check_names(report, tmp)
    if problems:
        print(f"{len(problems)} problems; the first:")
        print("\n".join(problems[:int(os.environ.get("SHOW", "12"))]))
        return 1
    print("forged states: dates outside 0001-01-01 ... 9999-12-31 and unprintable names refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
