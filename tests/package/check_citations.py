"""Every document the tree cites is in the tree.

    check_citations.py [ROOT]          (default: the repository this file is in)
    check_citations.py --self-test     the check on a made-up tree, to show it can fail

Scans the text files of the tree (`git ls-files` when ROOT is a git work
tree, otherwise a walk that skips build trees) for names ending in `.md` —
Markdown links and bare names in comments and prose alike — and resolves each
relative to the citing file, to ROOT and to ROOT/docs. A name found in none
of them is a citation of a document the tree does not carry, and fails with
its file and line. So does any relative path that leads out of the tree
(`../x/...` that names nothing in the tree, or in a build tree, from the
citing file's directory or any above it): whatever lies beside a clone is
not the user's. The contracts are include/cxmetrics.h and docs/.

Exit 0 when every citation resolves, 1 otherwise.
"""
import os
import re
import subprocess
import sys

# A path ending in .md: letters, digits, '_', '-', '.' and '/' (so ../x.md and
# docs/x.md; an #anchor after it is ignored). A path that goes on from a shell
# or make variable ($dir/x.md, ${dir}/x.md, $(dir)/x.md) is computed, not cited.
CITATION = re.compile(r"(?<![\w./\-$})])((?:[\w.-]+/)*[\w-][\w.-]*\.md)(?![\w-])")
URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.I)
# A relative path that climbs: ../x, ../../x/y (not one computed from a variable).
CLIMBING = re.compile(r"(?<![\w./\-$})])((?:\.\./)+[\w-][\w.-]*(?:/[\w.-]+)*)")

# Files that are not ours to check: what package managers write and vendor.
SKIPPED_DIRS = {".git", "node_modules", "vendor"}
SKIPPED_FILES = {"package-lock.json", "composer.lock", "Gemfile.lock", "yarn.lock"}


def tree_files(root):
    """The tree's files, as paths relative to root with '/' separators."""
    if os.path.exists(os.path.join(root, ".git")):
        try:
            out = subprocess.run(["git", "-C", root, "ls-files", "-z"], check=True,
                                 capture_output=True).stdout
            return [p for p in out.decode().split("\0") if p and not skipped(p)]
        except (OSError, subprocess.CalledProcessError):
            pass  # no git: walk instead
    files = []
    for top, dirs, names in os.walk(root):
        # A build tree (it holds a CMakeCache.txt) is output, not the tree.
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS
                   and not os.path.exists(os.path.join(top, d, "CMakeCache.txt"))]
        rel = os.path.relpath(top, root)
        for name in names:
            path = name if rel == "." else os.path.join(rel, name).replace(os.sep, "/")
            if not skipped(path):
                files.append(path)
    return files


def skipped(path):
    parts = path.split("/")
    return parts[-1] in SKIPPED_FILES or any(p in SKIPPED_DIRS for p in parts[:-1])


def text_of(root, path):
    """The file's text, or None for a binary file or one that cannot be read."""
    try:
        with open(os.path.join(root, path), "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"\0" in data:
        return None
    return data.decode("utf-8", errors="replace")


def resolves(citation, citing, tree):
    """True if citation names a file of the tree from the citing file's place."""
    here = os.path.dirname(citing)
    for base in (here, "", "docs"):
        candidate = os.path.normpath(os.path.join(base, citation)).replace(os.sep, "/")
        if candidate in tree:
            return True
    return False


def leaves_tree(path, citing, tree):
    """True if a climbing path names nothing of the tree (nor of a build tree
    in it) from any directory it may be read from: the citing file's, one
    above it (a script's working directory), or the top (where prose paths
    start)."""
    if path.replace("../", "").startswith("build"):
        return False  # a build tree's output, wherever the command runs
    base = os.path.dirname(citing)
    while True:
        candidate = os.path.normpath(os.path.join(base, path)).replace(os.sep, "/")
        inside = candidate != ".." and not candidate.startswith("../")
        if inside and candidate in tree:
            return False
        if not base:
            return True
        base = os.path.dirname(base)


def problems(root):
    files = tree_files(root)
    tree = set(files)
    for path in files:  # and their directories
        while path:
            path = os.path.dirname(path)
            tree.add(path)
    this = os.path.relpath(os.path.abspath(__file__), os.path.abspath(root)).replace(os.sep, "/")
    for path in sorted(files):
        if path == this:
            continue  # it names what it looks for
        text = text_of(root, path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for climbing in CLIMBING.findall(URL.sub(" ", line)):
                if leaves_tree(climbing, path, tree):
                    yield f"{path}:{number}: names {climbing}, outside the tree: {line.strip()}"
            for citation in CITATION.findall(URL.sub(" ", line)):
                if not resolves(citation, path, tree):
                    yield f"{path}:{number}: cites {citation}, which is not in the tree"


def self_test():
    """The check finds what it is for, in a made-up tree: a document beside
    the clone, one in a folder beside it, and nothing where paths stay in."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        for path, text in {"README.md": "the contract: ../notes/design/api.md; see docs/x.md\n",
                           "docs/x.md": "data: ../data/a.csv; tarball ../../vendor/t.tar.gz\n",
                           "data/a.csv": "", "lib/a.c": "#include \"../include/h.h\"\n",
                           "include/h.h": "", "tools/run.sh": "../build/lib/x.so\n"}.items():
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w") as f:
                f.write(text)
        found = sorted(problem.split(": ")[1] for problem in problems(root))
    want = ["cites ../notes/design/api.md, which is not in the tree",
            "names ../../vendor/t.tar.gz, outside the tree",
            "names ../notes/design/api.md, outside the tree"]
    if found != want:
        print(f"check_citations.py --self-test: found {found}, expected {want}")
        return 1
    print("check_citations.py --self-test: finds what it is for")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    found = list(problems(root))
    for problem in found:
        print(problem)
    if found:
        print(f"check_citations.py: {len(found)} citation(s) of documents not in the tree")
        return 1
    print("check_citations.py: every cited document is in the tree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
