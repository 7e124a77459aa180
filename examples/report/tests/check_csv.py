"""Every CSV defect of issue 12, as a new user's exports have them: the good
ones read right, the bad ones reported with the right line number and
skipped, the rest of the file read normally.

  check_csv.py CXM_REPORT

Each case states by hand what a correct reader finds; the groups read are
compared through cxm-report --format csv (n and the positive / neutral /
negative split per metric and segment).
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

BANDS = {"csat": (4, 5, 1, 2), "nps": (9, 10, 0, 6), "ces": (5, 7, 1, 3)}
problems = []


def run(report, path, *options):
    return subprocess.run([report, *options, path], capture_output=True)


def groups_of(stdout):
    """{(metric, segment): (n, positive, neutral, negative)} of a --format csv report."""
    out = {}
    for r in csv.DictReader(io.StringIO(stdout.decode())):
        out[(r["metric"], r["segment"])] = tuple(int(r[k]) for k in
                                                 ("n", "positive", "neutral", "negative"))
    return out


def expected_groups(answers):
    """The same, from (metric, segment, rating) triples stated by hand."""
    out = {}
    for metric, segment, rating in answers:
        b = BANDS[metric]
        split = (1, int(b[0] <= rating <= b[1]), int(not (b[0] <= rating <= b[1]) and
                                                     not (b[2] <= rating <= b[3])),
                 int(b[2] <= rating <= b[3]))
        for key in [(metric, "(all)")] + ([(metric, segment)] if segment else []):
            old = out.get(key, (0, 0, 0, 0))
            out[key] = tuple(x + y for x, y in zip(old, split))
    return out


def check(name, report, content, answers, exit_code, stderr_lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, name)
        with open(path, "wb") as fh:
            fh.write(content)
        got = run(report, path, "--by", "none", "--format", "csv")
    err = got.stderr.decode(errors="replace")
    if got.returncode != exit_code:
        problems.append(f"{name}: exit {got.returncode}, expected {exit_code}\n{err}")
    for line in stderr_lines:
        if f"{name}:{line}" not in err:
            problems.append(f"{name}: stderr lacks '{name}:{line}'\n{err}")
    reported = [l for l in err.splitlines() if f"{os.sep}{name}:" in l]
    if len(reported) != len(stderr_lines):
        problems.append(f"{name}: {len(reported)} lines reported, {len(stderr_lines)} expected\n{err}")
    if answers is not None and groups_of(got.stdout) != expected_groups(answers):
        problems.append(f"{name}: read {groups_of(got.stdout)}\n  expected {expected_groups(answers)}")


def main():
    report = sys.argv[1]
    # Exports as real tools write them: a byte order mark, CRLF, header names
    # in another case and order with spaces, a column the report ignores,
    # quoted fields with commas, doubled quotes and a line break inside,
    # blank lines, spaces around fields (and around quotes), no final newline.
    good = (b"\xef\xbb\xbfComment, Segment ,RATING,metric\r\n"                 # 1
            b"fine,chat,10,nps\r\n"                                           # 2
            b"\r\n"                                                           # 3
            b"   \t \r\n"                                                     # 4
            b"\"a, b\",\"North, East\", 9 ,nps\r\n"                          # 5
            b"\"say \"\"hi\"\"\",\"Z\xc3\xbcrich \"\"HQ\"\"\",\"5\",csat\r\n"  # 6
            b"\"two\r\nlines\",chat,4,csat\r\n"                               # 7-8
            b"x,  email  ,  \"3\"  ,  ces  \n"                                # 9 (LF)
            b"y,\xe6\x9d\xb1\xe4\xba\xac,,nps\r\n"                            # 10: missing answer
            b"z,email,7,CES")                                                 # 11, no newline
    check("good.csv", report, good,
          [("nps", "chat", 10), ("nps", "North, East", 9), ("csat", "Z\u00fcrich \"HQ\"", 5),
           ("csat", "chat", 4), ("ces", "email", 3), ("ces", "email", 7)], 0, [])

    # Defects: each is a bad line with its number; the lines after are read.
    limit = 4096
    exact = b"nps,10,long," + b"x" * (limit - len(b"nps,10,long,"))
    assert len(exact) == limit
    bad = (b"metric,rating,segment,comment\n"      # 1
           b"nps,\"1\"0,x,c\n"                      # 2 text after a closing quote
           b"nps,1\"0,x,c\n"                        # 3 quote inside an unquoted field
           b"nps,1\x000,x,c\n"                      # 4 NUL byte
           + exact + b"\n"                          # 5 exactly the limit: read
           + exact + b"x\n"                         # 6 one byte more: reported
           b"nps,8,after,c\n"                       # 7 read
           + b"nps,1,x" + b",y" * 62 + b"\n"        # 8 65 fields
           + b"nps,1,x" + b",y" * 61 + b"\n"        # 9 64 fields, not 4
           b"nps,9,\xff\xfe,c\n"                    # 10 not UTF-8
           b"nps,9,tab\there,c\n"                   # 11 a control character
           b"csat,5,\"" + b"s" * 256 + b"\",c\n"    # 12 segment name too long
           b"csat,5,\"" + b"s" * 255 + b"\",c\n"    # 13 255 bytes: read
           b"nps,\"7\",last,c\r\n"                  # 14 read
           b"ces,\"5,phone,c\n"                     # 15 a quote never closed ...
           b"nps,9,x,c\n")                          # 16 ... swallows this line
    check("bad.csv", report, bad,
          [("nps", "long", 10), ("nps", "after", 8), ("csat", "s" * 255, 5), ("nps", "last", 7)],
          1, ["2: text after a closing quote", "3: quote inside an unquoted field",
              "4: NUL byte", "6: record longer than 4096 bytes", "8: more than 64 fields",
              "9: 64 fields, the header has 4", "10: segment name is not printable UTF-8",
              "11: segment name is not printable UTF-8", "12: segment name longer than 255",
              "15: a quote opened in this record is never closed"])

    # Headers that cannot be used: a clear error naming the problem, exit 2.
    for name, content, why in [
            ("no-rating.csv", b"metric,segment\nnps,chat\n", "1: the header has no 'rating' column"),
            ("no-metric.csv", b"\xef\xbb\xbfrating\n9\n", "1: the header has no 'metric' column"),
            ("twice.csv", b"metric,rating,Rating\nnps,1,2\n", "1: the header names the column 'rating' twice"),
            ("empty.csv", b"", " empty: expected a header"),
            ("blank.csv", b"\n \n", " empty: expected a header"),
            ("nul-header.csv", b"metric,rat\x00ing\nnps,1\n", "1: header: NUL byte")]:
        check(name, report, content, None, 2, [why])

    # A bad date is a bad line, as a bad rating is.
    dated = (b"date,metric,rating\n"
             b"2024-02-29,nps,9\n"                    # 2 leap day: read
             b"2026-02-29,nps,9\n"                    # 3 no such day
             b"2100-02-29,nps,9\n"                    # 4 not a leap year
             b"2026-13-01,nps,9\n"                    # 5
             b"2026-11-30T24:00:00Z,nps,9\n"          # 6 hour 24
             b"2026-11-30T14:03:00+01:00,nps,7\n"     # 7 read
             b"2026-11-30T14:03:00,nps,7\n"           # 8 no offset
             b"2026-11-30T14:03:00.25-08:00,nps,0\n"  # 9 read
             b"26-11-30,nps,9\n"                      # 10
             b",nps,9\n"                              # 11 empty date
             b"2026-11-30 14:03:60z,nps,10\n")        # 12 leap second, space, z: read
    check("dates.csv", report, dated, [("nps", "", 9), ("nps", "", 7), ("nps", "", 0),
                                       ("nps", "", 10)], 1,
          [f"{n}: date '" for n in (3, 4, 5, 6, 8, 10, 11)])

    if problems:
        print("\n".join(problems))
        return 1
    print("CSV defects: all read or reported as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
