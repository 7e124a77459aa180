"""The command lines of cxm-report and compare-periods (cmdline.c):

- an unknown option is named as unknown, also as the last argument, where
  no value follows it;
- an option given twice is refused with its name, unless it is repeatable
  (--load, --column, --scale); a field's column named twice (--column
  twice, or --column weight= and --weight), or a metric's scale, is refused;
- "--" ends the options: a file named "-x.csv" after it is read;
- a usage error is one line and a pointer to --help (exit 2, nothing on
  standard output); --help alone prints the whole help, on standard output;
- cxm-report --svg opens the chart's file before it reads any input: a path
  it cannot write stops it at once, naming the path and the reason; a chart
  the report does not finish is not left behind; --svg naming an input is
  refused before it could be overwritten.

  check_usage.py CXM_REPORT COMPARE_PERIODS DATA_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

problems = []


def run(command, cwd=None):
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd,
                          stdin=subprocess.DEVNULL)


def usage_error(command, first_line, cwd=None):
    """Exit 2, stderr exactly FIRST_LINE and the pointer to --help."""
    program = os.path.basename(command[0])
    got = run(command, cwd)
    want = f"{first_line}\nTry '{program} --help' for more information.\n"
    if got.returncode != 2 or got.stderr != want or got.stdout != "":
        problems.append(f"{' '.join(command[1:])}: exit {got.returncode}, stderr\n{got.stderr}"
                        f"expected exit 2 and\n{want}")


def works(command, has, cwd=None):
    got = run(command, cwd)
    if got.returncode != 0 or " ".join(has.split()) not in " ".join(got.stdout.split()):
        problems.append(f"{' '.join(command[1:])}: exit {got.returncode}, stdout lacks {has!r}\n"
                        f"{got.stderr}")
    return got.stdout


def chart_opened_first(report, answers):
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "no-such-dir", "trend.svg")
        with open(answers, "rb") as stdin:  # read only after the chart is open
            got = subprocess.run([report, "--svg", bad], stdin=stdin, capture_output=True,
                                 text=True)
            read = os.lseek(stdin.fileno(), 0, os.SEEK_CUR)  # the offset the program shares
        want = f"cxm-report: --svg {bad}: No such file or directory\n"
        if got.returncode != 2 or got.stderr != want or got.stdout != "" or read != 0:
            problems.append(f"--svg {bad}: exit {got.returncode}, read {read} bytes, "
                            f"stderr\n{got.stderr}expected\n{want}")
        unfinished = os.path.join(tmp, "unfinished.svg")
        got = run([report, "--svg", unfinished, "--segment", "web", answers])
        if got.returncode != 2 or os.path.exists(unfinished):
            problems.append(f"a chart the report did not finish: exit {got.returncode}, "
                            f"left behind: {os.path.exists(unfinished)}")
        copy = os.path.join(tmp, "answers.csv")
        shutil.copy(answers, copy)
        usage_error([report, "--svg", copy, copy],
                    f"cxm-report: --svg would overwrite an input: {copy}")
        # the same input by another name, and through a link
        os.symlink(copy, os.path.join(tmp, "link.csv"))
        usage_error([report, "--svg", "./answers.csv", "answers.csv"],
                    "cxm-report: --svg would overwrite an input: ./answers.csv", cwd=tmp)
        usage_error([report, "--svg", "link.csv", "answers.csv"],
                    "cxm-report: --svg would overwrite an input: link.csv", cwd=tmp)
        if os.path.getsize(copy) != os.path.getsize(answers):
            problems.append("--svg naming an input overwrote it")
        usage_error([report, "--svg", "same.out", "--save", "same.out", "answers.csv"],
                    "cxm-report: --svg and --save name the same file: same.out", cwd=tmp)
        chart_replaced_when_finished(report, answers, tmp)


def chart_replaced_when_finished(report, answers, tmp):
    """An earlier chart stays when the report fails, and is replaced when it
    succeeds; a symbolic link is written through, and stays a link."""
    old = os.path.join(tmp, "old.svg")
    with open(old, "w") as f:
        f.write("keep\n")
    got = run([report, "--svg", old, "--segment", "web", answers])
    with open(old) as f:
        kept = f.read()
    if got.returncode != 2 or kept != "keep\n" or os.listdir(tmp).count("old.svg") != 1 or \
            any(name.startswith("old.svg.") for name in os.listdir(tmp)):
        problems.append(f"a failed report and an earlier chart: exit {got.returncode}, "
                        f"{kept!r} left, files {sorted(os.listdir(tmp))}")
    got = run([report, "--svg", old, answers])
    with open(old) as f:
        drawn = f.read()
    if got.returncode != 0 or not drawn.startswith("<?xml") or os.stat(old).st_mode & 0o777 != \
            0o666 & ~current_umask():
        problems.append(f"a finished chart: exit {got.returncode}, starts {drawn[:20]!r}, "
                        f"mode {os.stat(old).st_mode & 0o777:o}")
    link = os.path.join(tmp, "link.svg")
    os.symlink(old, link)
    got = run([report, "--svg", link, "--by", "week", answers])
    if got.returncode != 0 or not os.path.islink(link):
        problems.append(f"--svg through a link: exit {got.returncode}, "
                        f"still a link: {os.path.islink(link)}")


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def main():
    report, compare, data = (os.path.abspath(a) for a in sys.argv[1:4])
    answers = os.path.join(data, "answers.csv")
    previous = os.path.join(data, "answers-previous.csv")
    for program in (report, compare):
        name = os.path.basename(program)
        usage_error([program, "--bogus"], f"{name}: unknown option --bogus")
        usage_error([program, previous, answers, "--bogus"], f"{name}: unknown option --bogus")
        usage_error([program, "-x", answers], f"{name}: unknown option -x")
        usage_error([program, answers, previous, "--metric"],
                    f"{name}: missing value after --metric")
        usage_error([program, "--metric", "nps", "--metric", "csat", previous, answers],
                    f"{name}: --metric is given twice: give it once (it is not repeatable)")
        usage_error([program, "--delimiter", ",", "--delimiter", ";", previous, answers],
                    f"{name}: --delimiter is given twice: give it once (it is not repeatable)")
        usage_error([program, "--column", "weight=A", "--weight", "B", previous, answers],
                    f"{name}: the weight column is given twice (--column weight=, --weight): B")
        usage_error([program, "--column", "date=X", "--column", "date=Y", previous, answers],
                    f"{name}: the date column is given twice (--column date=): date=Y")
        usage_error([program, "--confidence", "2", previous, answers],
                    f"{name}: confidence must be a number in (0, 1): 2")
        helped = run([program, "--help"])
        if helped.returncode != 0 or helped.stderr or "  --               end of the options" \
                not in helped.stdout or f"usage: {name} [options] [--]" not in helped.stdout:
            problems.append(f"{name} --help: exit {helped.returncode}\n{helped.stdout[:300]}")

    usage_error([report, "--by", "day", "--by", "week", answers],
                "cxm-report: --by is given twice: give it once (it is not repeatable)")
    usage_error([report, "--last", "7", "--by", "week", answers],
                "cxm-report: choose --by or --last, not both")
    # repeatable, once a metric: csat on 1..10 (positive 8..10: no rating of
    # answers.csv, all 1..5, is positive) with nps's own scale given too;
    # 2388 is expected-report.csv's (expected.py)
    works([report, "--by", "none", "--metric", "csat", "--scale", "csat=csat10", "--scale",
           "nps=nps", answers], "csat (all) 2388 0.0")
    usage_error([report, "--scale", "csat=csat10", "--scale", "csat=csat5", answers],
                "cxm-report: --scale: a second scale for the same metric: csat=csat5")

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(answers, os.path.join(tmp, "-x.csv"))
        shutil.copy(previous, os.path.join(tmp, "-p.csv"))
        works([report, "--by", "none", "--metric", "nps", "--", "-x.csv"],
              "nps (all) 2386 14.4", cwd=tmp)
        works([compare, "--metric", "nps", "--", "-p.csv", "-x.csv"],
              "No clear change in nps", cwd=tmp)
        usage_error([report, "--save", "a.state", "--save", "b.state", answers],
                    "cxm-report: --save is given twice: give it once (it is not repeatable)",
                    cwd=tmp)
        # after "--", "--help" and "-" are file names like any other
        got = run([report, "--", "--help"], cwd=tmp)
        if got.returncode != 2 or "--help: No such file or directory" not in got.stderr:
            problems.append(f"-- --help: exit {got.returncode}\n{got.stderr}")
        usage_error([compare, "--", "-p.csv", "-x.csv", "--metric"],
                    "compare-periods: more than two inputs: --metric", cwd=tmp)

    chart_opened_first(report, answers)
    if problems:
        print("\n".join(problems))
        return 1
    print("both programs' command lines: unknown, repeated, --, one-line usage errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
