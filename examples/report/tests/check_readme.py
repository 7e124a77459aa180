"""The README shows what cxm-report prints: each `build/examples/cxm-report`
command of an sh block is run from the top of the repository, and every line
of the plain block that follows it (an excerpt) must be a line of its output,
as printed. The numbers of stars the text states for the export (at
p < 0.05 each, and adjusted together) are counted in the program's output.

  check_readme.py README.md CXM_REPORT
"""
import os
import re
import shlex
import subprocess
import sys

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10}


def blocks(text):
    """(language, lines) of every fenced block, in order."""
    return [(m.group(1), m.group(2).splitlines())
            for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, re.S | re.M)]


def command_of(lines, report):
    words = shlex.split(" ".join(line.rstrip("\\").strip() for line in lines))
    return [report] + words[1:] if words and words[0] == "build/examples/cxm-report" else None


def stars(command, root, *options):
    out = subprocess.run(command + list(options), capture_output=True, text=True, cwd=root).stdout
    return sum(line.endswith(" *") for line in out.splitlines())


def main():
    readme, report = sys.argv[1], os.path.abspath(sys.argv[2])
    root = os.path.dirname(os.path.abspath(readme))
    text = open(readme, encoding="utf-8").read()
    found = blocks(text)
    problems, checked = [], 0
    for (language, lines), (next_language, excerpt) in zip(found, found[1:]):
        command = command_of(lines, report) if language == "sh" else None
        if command is None or next_language != "":
            continue
        run = subprocess.run(command, capture_output=True, text=True, cwd=root)
        printed = set(run.stdout.splitlines())
        for line in excerpt:
            if line not in printed:
                problems.append(f"{' '.join(lines)}: not printed: {line}")
        checked += 1
        if "--weight" in command:
            raw = re.search(r"at p < 0\.05 each, (\d+) would be starred", text)
            kept = re.search(r"Adjusted together, (\w+) remain", text)
            if not raw or int(raw.group(1)) != stars(command, root, "--adjust", "none"):
                problems.append(f"the stars at p < 0.05: README {raw and raw.group(1)}, "
                                f"printed {stars(command, root, '--adjust', 'none')}")
            if not kept or WORDS.get(kept.group(1)) != stars(command, root):
                problems.append(f"the stars adjusted: README {kept and kept.group(1)}, "
                                f"printed {stars(command, root)}")
    if checked < 2:
        problems.append(f"{checked} command and excerpt pairs found; expected the bundled "
                        f"sample's and the export's")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"README: {checked} excerpts printed as shown")
    return 0


if __name__ == "__main__":
    sys.exit(main())
