"""A program's man page documents exactly the options its --help lists:
every option --help shows appears as an entry of the man page's OPTIONS
section, and every entry there is an option --help shows. The page has the
sections a man page needs, and groff (when installed) reads it without a
warning.

  check_man.py MAN_PAGE -- PROGRAM
"""
import re
import shutil
import subprocess
import sys

SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES", "SEE ALSO"]


def help_options(program):
    """Options at the start of a --help line: "  --by P", "  -h, --help"."""
    text = subprocess.run([program, "--help"], capture_output=True, text=True, check=True).stdout
    options = set()
    for line in text.splitlines():
        match = re.match(r"^ {2}((?:-[a-z], )?--[a-z][a-z-]*)", line)
        if match:
            options.update(o.strip() for o in match.group(1).split(","))
    return options


def man_options(page):
    """Options named by the first line of each .TP entry under OPTIONS."""
    lines = open(page, encoding="utf-8").read().splitlines()
    start = lines.index(".SH OPTIONS")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(".SH "))
    options = set()
    for i in range(start, end):
        if lines[i] == ".TP":
            entry = lines[i + 1].replace("\\-", "-")
            options.update(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", entry))
    return options


def main():
    args = sys.argv[1:]
    page, program = args[0], args[args.index("--") + 1]
    problems = []
    text = open(page, encoding="utf-8").read()
    for section in SECTIONS:
        if f".SH {section}\n" not in text:
            problems.append(f"{page}: no {section} section")
    shown, documented = help_options(program), man_options(page)
    for option in sorted(shown - documented):
        problems.append(f"{program} --help lists {option}; {page} does not document it")
    for option in sorted(documented - shown):
        problems.append(f"{page} documents {option}; {program} --help does not list it")
    if shutil.which("groff"):
        run = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page], capture_output=True,
                             text=True)
        if run.returncode != 0 or run.stderr:
            problems.append(f"groff: {run.stderr}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"{page}: the {len(shown)} options of --help, no more, no fewer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
