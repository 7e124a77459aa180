"""Exports as real tools write them (issue 25, items 1-4, 6 and 9): columns
under any name (--column, --as), other scales (--scale, in the library's text
form), other delimiters and encodings, weights (--weight: positive whole
numbers, a bad one a bad line), blank segments, notices that count what the
report shows, and states loaded without --by.

Each file is read twice: by cxm-report (--format csv: n and the split per
metric and segment) and by Python's csv module with the delimiter and scale
bands the case states, which gives the expected groups; refusals are checked
for their exit status and the words of their message.

  check_exports.py CXM_REPORT
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

# (min, max, positive band, negative band) of the scales the cases use,
# written out by hand from docs/metrics.md
SCALES = {"csat5": (1, 5, (4, 5), (1, 2)), "nps": (0, 10, (9, 10), (0, 6)),
          "ces7": (1, 7, (5, 7), (1, 3)), "csat10": (1, 10, (8, 10), (1, 4)),
          "ces5": (1, 5, (1, 2), (4, 5)), "1..7/6..7/1..2/share": (1, 7, (6, 7), (1, 2))}
DEFAULT = {"csat": "csat5", "nps": "nps", "ces": "ces7"}
problems = []
TMP = tempfile.mkdtemp()


def write(name, content):
    path = os.path.join(TMP, name)
    with open(path, "wb") as fh:
        fh.write(content)
    return path


def run(report, *args):
    return subprocess.run([report, *args], capture_output=True, text=True, errors="replace")


def groups_of(stdout):
    """{(metric, segment): (n, positive, neutral, negative)} of a --format csv report."""
    return {(r["metric"], r["segment"]): tuple(int(r[k]) for k in
                                               ("n", "positive", "neutral", "negative"))
            for r in csv.DictReader(io.StringIO(stdout))}


def expected_groups(content, delimiter, columns, scales=None, as_metric=None):
    """The groups Python's csv module finds in the bytes: columns maps each field to
    its header (matched in any case, spaces ignored)."""
    scales = {**DEFAULT, **(scales or {})}
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = [h.strip().lower() for h in rows[0]]
    at = {f: header.index(h.lower()) for f, h in columns.items() if h.lower() in header}
    out = {}
    for row in rows[1:]:
        if not row or row[at["rating"]].strip() == "":
            continue
        metric = as_metric or row[at["metric"]].strip().lower()
        segment = row[at["segment"]].strip() if "segment" in at else ""
        low, high, pos, neg = SCALES[scales[metric]]
        r = int(row[at["rating"]])
        split = (1, int(pos[0] <= r <= pos[1]),
                 int(not pos[0] <= r <= pos[1] and not neg[0] <= r <= neg[1]),
                 int(neg[0] <= r <= neg[1]))
        keys = [(metric, "(all)")]
        if "segment" in at:
            keys.append((metric, segment or "(blank)"))
        for key in keys:
            out[key] = tuple(a + b for a, b in zip(out.get(key, (0, 0, 0, 0)), split))
    # a metric without named segments has no (blank) line: its (all) says it all
    for metric in {m for m, _ in out}:
        if {s for m, s in out if m == metric} == {"(all)", "(blank)"}:
            del out[(metric, "(blank)")]
    return out


def same_groups(label, report, path, options, want):
    got = run(report, *options, "--by", "none", "--format", "csv", path)
    if got.returncode != 0 or groups_of(got.stdout) != want:
        problems.append(f"{label}: exit {got.returncode}\n  read     {groups_of(got.stdout)}\n"
                        f"  expected {want}\n  {got.stderr}")


def refused(label, report, args, status, *words):
    got = run(report, *args)
    missing = [w for w in words if w not in got.stderr]
    if got.returncode != status or missing:
        problems.append(f"{label}: exit {got.returncode} (expected {status}); stderr lacks "
                        f"{missing}:\n  {got.stderr[:600]}")


# A helpdesk export: its own column names (one quoted with spaces), ';' as
# delimiter (decimal commas in another column), a BOM, CRLF, a comment with a
# line break and a ';' inside quotes, survey names in any case, a blank agent.
EXPORT = ("\ufeffTicket;Survey;\" Score \";Agent;Submitted At;Comment\r\n"
          "1;NPS;10;Ann;2026-03-14T09:00:00+01:00;\"great; fast\"\r\n"
          "2;nps;6;Bob;2026-03-15T10:00:00Z;\"slow,\r\nthen fine\"\r\n"
          "3;Csat;9;Ann;2026-03-16;1,5\r\n"
          "4;CSAT;3;;2026-03-17;\r\n"
          "5;Ces;6;Bob;2026-04-02;\r\n"
          "6;NPS;;Ann;2026-04-03;no score\r\n"
          "7;nps;8;;2026-04-09T23:59:59-12:00;\r\n").encode()
COLUMNS = {"metric": "Survey", "rating": "Score", "segment": "Agent", "date": "Submitted At"}
MAPPED = ["--column", "metric=Survey", "--column", "rating= score", "--column", "segment=AGENT",
          "--column", "date=submitted at", "--scale", "csat=csat10"]


def check_columns(report):
    path = write("export.csv", EXPORT)
    want = expected_groups(EXPORT, ";", COLUMNS, {"csat": "csat10"})
    same_groups("export with --column and --scale", report, path, MAPPED, want)
    refused("a --column header missing", report, MAPPED[:2] + ["--column", "rating=Note", path], 2,
            "export.csv:1: the header has no 'Note' column (--column rating=Note)")
    refused("--column of an unknown field", report, ["--column", "agent=Agent", path], 2,
            "--column takes FIELD=HEADER, FIELD one of metric, rating, segment, date, weight")
    refused("--column without a header", report, ["--column", "segment=", path], 2,
            "--column: a header name is missing")
    refused("two fields, one column", report, ["--column", "segment=Agent", "--column",
                                               "date=agent", path], 2,
            "--column: two fields are given the same column")
    # --as: a file of one survey, without a metric column
    one = "Score,Agent\n9,Ann\n3,\n10,Bob\n".encode()
    same_groups("--as nps", report, write("one.csv", one), ["--as", "NPS", "--column",
                                                             "rating=score", "--column",
                                                             "segment=agent"],
                expected_groups(one, ",", {"rating": "Score", "segment": "Agent"},
                                as_metric="nps"))
    refused("--as over a metric column", report, ["--as", "nps", write("m.csv", b"metric,rating\n"
                                                                        b"csat,5\n")], 2,
            "the header has a 'metric' column, and --as says every answer is nps")
    refused("--as of an unknown metric", report, ["--as", "effort", path], 2,
            "--as: unknown metric (csat, nps or ces): effort")


def check_scales(report):
    content = (b"metric,rating,segment\ncsat,10,a\ncsat,7,a\ncsat,1,b\nces,5,a\nces,1,b\n"
               b"csat,11,b\n")
    path = write("scales.csv", content)
    for scales in ({"csat": "csat10", "ces": "ces5"}, {"csat": "1..7/6..7/1..2/share"}):
        good = content.replace(b"csat,11,b\n", b"")
        if scales["csat"] != "csat10":
            good = good.replace(b"csat,10,a\n", b"")
        options = [a for m, s in scales.items() for a in ("--scale", f"{m}={s}")]
        same_groups(f"--scale {scales}", report, write("good.csv", good), options,
                    expected_groups(good, ",", {"metric": "metric", "rating": "rating",
                                                "segment": "segment"}, scales))
    refused("a rating off the scale", report, ["--scale", "csat=csat10", "--by", "none", path], 1,
            "scales.csv:7: csat rating 11: not on csat's scale, csat10 (1..10, positive 8..10, "
            "negative 1..4, share) (--scale csat=SCALE reads another)")
    for value, words in [("csat=csat11", "--scale: not a scale in the library's text form"),
                         ("csat=1..5/4..5/1..2/Share", "--scale: not a scale"),
                         ("csat", "--scale takes METRIC=SCALE"),
                         ("effort=ces7", "--scale: unknown metric (csat, nps or ces)")]:
        refused(f"--scale {value}", report, ["--scale", value, path], 2, words, value)
    # a state keeps its scale: read on another, it is refused with both named
    state = os.path.join(TMP, "csat10.state")
    run(report, "--scale", "csat=csat10", "--by", "none", "--save", state,
        write("ten.csv", b"metric,rating\ncsat,9\n"))
    refused("a state on another scale", report, ["--by", "none", "--load", state], 2,
            "csat10.state: csat (blank) was saved on the scale csat10 (1..10",
            "and this report reads csat on csat5 (1..5")


def check_delimiters(report):
    base = [["metric", "rating", "segment", "note"], ["nps", "9", "a", "x, y; z | w"],
            ["csat", "2", "b", ""], ["nps", "7", "a", "tab\there"]]
    columns = {"metric": "metric", "rating": "rating", "segment": "segment"}
    for d, name in ((",", "comma"), (";", "semicolon"), ("\t", "tab"), ("|", "bar")):
        text = io.StringIO()
        csv.writer(text, delimiter=d, lineterminator="\r\n").writerows(base)
        content = text.getvalue().encode()
        path = write(f"{name}.csv", content)
        want = expected_groups(content, d, columns)
        same_groups(f"{name}, found on the header line", report, path, [], want)
        same_groups(f"{name}, given", report, path,
                    ["--delimiter", "tab" if d == "\t" else d], want)
    semicolons = write("semicolon.csv", b"Survey;Score\nnps;9\n")
    refused("a ';' file read with ','", report, ["--delimiter", ",", "--column", "metric=Survey",
                                                 "--column", "rating=Score", semicolons], 2,
            "semicolon.csv:1: the header has no 'Survey' column",
            "the header holds ';': is that the delimiter? (--delimiter ';')")
    refused("a tie", report, [write("tie.csv", b"metric,rating;segment\nnps,9;a\n")], 2,
            "tie.csv:1: the header line holds two of , ; tab | equally often",
            "give --delimiter")
    refused("--delimiter of another character", report, ["--delimiter", ":", semicolons], 2,
            "--delimiter takes , ; | or tab, not :")
    text = "metric,rating\nnps,9\n"
    for encoding, what in (("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"),
                           ("utf-32", "UTF-32"), ("utf-32-be", "UTF-32")):
        content = ("\ufeff" + text).encode(encoding) if encoding.endswith("be") \
            else text.encode(encoding)
        refused(f"{encoding} with a byte order mark", report,
                [write(f"{encoding}.csv", content)], 2,
                f"{encoding}.csv: is {what} (its byte order mark says so): convert it to UTF-8")
    refused("UTF-16 without a byte order mark", report,
            [write("bare16.csv", text.encode("utf-16-le"))], 2,
            "bare16.csv:1: header: NUL byte (a UTF-16 file without a byte order mark?")


def check_weights(report):
    content = (b"metric,rating,segment,ARR\n"
               b"nps,9,a,1\n"            # 2
               b"nps,3,a,3\n"            # 3
               b"nps,10,b,0\n"           # 4 zero
               b"nps,8,b,-3\n"           # 5 negative
               b"nps,8,b,1.5\n"          # 6 fractional
               b"nps,8,b,\n"             # 7 empty, with a rating
               b"nps,,b,\n"              # 8 a missing answer: its weight is not read
               b"nps,7,b,4294967296\n"   # 9 above 2^32 - 1
               b"nps,7,b,4294967295\n"   # 10 the largest
               b"csat,5,b,abc\n")        # 11
    path = write("weights.csv", content)
    refused("bad weights", report, ["--weight", "ARR", "--by", "none", path], 1,
            *[f"weights.csv:{n}: weight '{w}' is not a whole number from 1 to 4294967295"
              for n, w in ((4, "0"), (5, "-3"), (6, "1.5"), (7, ""), (9, "4294967296"),
                           (11, "abc"))])
    got = run(report, "--weight", "ARR", "--by", "none", "--format", "csv", path)
    rows = {r["segment"]: r for r in csv.DictReader(io.StringIO(got.stdout))}
    # hand-worked: segment a holds weights 1 and 3, so n = 2 and n_effective =
    # (1 + 3)^2 / (1^2 + 3^2) = 1.6; its NPS is (1 * 100 + 3 * -100) / 4 = -50
    a = rows.get("a", {"n": "0", "n_effective": "nan", "score": "nan"})
    if (a["n"] != "2" or abs(float(a["n_effective"]) - 1.6) > 1e-12 or
            abs(float(a["score"]) + 50) > 1e-12):
        problems.append(f"weighted segment a: {a}")
    refused("--weight naming no column", report, ["--weight", "Revenue", path], 2,
            "weights.csv:1: the header has no 'Revenue' column (--column weight=Revenue)")


def check_blank(report):
    content = (b"metric,rating,segment\nnps,10,a\nnps,3,\nnps,8,b\nnps,9,\ncsat,5,\ncsat,1,\n"
               b"ces,,\n")
    path = write("blank.csv", content)
    want = expected_groups(content, ",", {"metric": "metric", "rating": "rating",
                                          "segment": "segment"})
    same_groups("blank segments", report, path, [], want)
    got = groups_of(run(report, "--by", "none", "--format", "csv", path).stdout)
    for metric in ("nps",):
        parts = [v for (m, s), v in got.items() if m == metric and s != "(all)"]
        if tuple(map(sum, zip(*parts))) != got.get((metric, "(all)")):
            problems.append(f"{metric}: segment rows {parts} do not add up to (all)")
    got = run(report, "--by", "none", "--format", "csv", "--segment", "(blank)", path)
    if [r["segment"] for r in csv.DictReader(io.StringIO(got.stdout))] != ["(blank)", "(blank)"]:
        problems.append(f"--segment (blank): {got.stdout}")
    refused("a segment named (blank)", report,
            [write("named.csv", b"metric,rating,segment\nnps,9,(blank)\nnps,8,(all)\nnps,7,a\n")],
            1, "named.csv:2: segment name '(blank)' is the report's own label",
            "named.csv:3: segment name '(all)' is the report's own label")


def check_notices(report):
    lines = ["metric,rating,segment,date"]
    for i, (metric, segment) in enumerate([("nps", "a"), ("nps", "b"), ("csat", "a")] * 4):
        lines.append(f"{metric},,{segment},2026-06-{i + 1:02d}")      # missing ratings
        lines.append(f"{metric},5,{segment},2026-0{5 if i < 6 else 6}-{i + 10:02d}")
    path = write("notices.csv", ("\n".join(lines) + "\n").encode())
    rows = [r.split(",") for r in lines[1:]]
    for options, metric, segment in [([], None, None), (["--metric", "nps"], "nps", None),
                                     (["--metric", "nps", "--segment", "b"], "nps", "b"),
                                     (["--segment", "a"], None, "a")]:
        shown = [r for r in rows if metric in (None, r[0]) and segment in (None, r[2])]
        missing = sum(r[1] == "" for r in shown)
        # --last 10 up to 2026-06-21: 20 days from 2026-06-02; May is outside
        outside = sum(r[1] != "" and r[3] < "2026-06-02" for r in shown)
        got = run(report, *options, "--last", "10", path).stdout
        for text, count in (("answers without a rating (missing, not counted): ", missing),
                            ("answers dated outside the window (not counted): ", outside)):
            if (text + str(count)) not in got if count else text in got:
                problems.append(f"notices {options}: expected {text}{count}\n{got}")


def check_load_default(report):
    data = b"metric,rating,date\nnps,9,2026-05-30\nnps,3,2026-06-02\nnps,10,2026-06-03\n"
    path = write("dated.csv", data)
    for by, label in (("day", "2026-05"), ("month", "2026-05"), ("week", "2026-W22")):
        state = os.path.join(TMP, f"{by}.state")
        run(report, "--by", by, "--save", state, path)
        got = run(report, "--format", "csv", "--load", state)
        periods = [r["period"] for r in csv.DictReader(io.StringIO(got.stdout))]
        if got.returncode != 0 or not periods or periods[0] != label:
            problems.append(f"--load of a state by {by} without --by: periods {periods}, "
                            f"expected by {'week' if by == 'week' else 'month'}\n{got.stderr}")


def main():
    report = sys.argv[1]
    check_columns(report)
    check_scales(report)
    check_delimiters(report)
    check_weights(report)
    check_blank(report)
    check_notices(report)
    check_load_default(report)
    if problems:
        print("\n".join(problems))
        return 1
    print("exports: columns, scales, delimiters, encodings, weights, blank segments, notices, "
          "loads")
    return 0


if __name__ == "__main__":
    sys.exit(main())
