#!/usr/bin/env python3
"""One version: every manifest of the tree carries the version of
include/cxmetrics.h (CXM_VERSION_MAJOR.MINOR.PATCH), the one place it is set,
and so does every other copy a binding needs (its version constant, the
package file names its README's commands show), unless the manifest reads it
from one of those.

Usage: check_versions.py SOURCE_DIR BUILD_DIR

Each manifest is read the way its own tool reads it (JSON, TOML, the
gemspec's version line, the control file's default_version, CPack's
configuration in the build tree). A manifest that is missing, unreadable or
at another version fails the test, with the file and what it says.
"""
import json
import re
import sys
import tomllib
from pathlib import Path

# Manifests that changes still in progress bring or bring to this version;
# each is checked, but a miss is a note, not a failure. Empty this list once
# they are all in the tree.
NOT_YET_IN_THE_TREE: set[str] = set()


def header_version(source):
    text = (source / "include/cxmetrics.h").read_text()
    parts = [re.search(rf"^#define CXM_VERSION_{part} +(\d+)$", text, re.M) for part in
             ("MAJOR", "MINOR", "PATCH")]
    if not all(parts):
        sys.exit("include/cxmetrics.h: no CXM_VERSION_MAJOR, _MINOR and _PATCH defines")
    return ".".join(match.group(1) for match in parts)


def json_fields(*keys):
    """The values at each dotted path of KEYS in a JSON file."""
    def read(path):
        document = json.loads(path.read_text())
        found = []
        for key in keys:
            value = document
            for part in key.split("."):
                if not isinstance(value, dict) or part not in value:
                    raise ValueError(f'no "{key}"')
                value = value[part]
            found.append((key, value))
        return found
    return read


def pyproject(path):
    """The static [project] version, or none to compare when the version is
    dynamic and read from cxmetrics.__version__ (checked on its own)."""
    document = tomllib.loads(path.read_text())
    project = document.get("project", {})
    if "version" in project:
        return [("[project] version", project["version"])]
    source = document.get("tool", {}).get("setuptools", {}).get("dynamic", {}).get("version")
    if "version" not in project.get("dynamic", []) or source != {"attr": "cxmetrics.__version__"}:
        raise ValueError("neither a static [project] version nor one read from cxmetrics.__version__")
    return []


def pattern(description, regex):
    """The first group of REGEX (multi-line) in the file."""
    def read(path):
        match = re.search(regex, path.read_text(), re.M)
        if not match:
            raise ValueError(f"no {description}")
        return [(description, match.group(1))]
    return read


def every(description, regex):
    """The first group of every match of REGEX in the file (a README's
    commands, which name the version more than once): at least one."""
    def read(path):
        found = [(f"{description} at line {path.read_text()[:m.start()].count(chr(10)) + 1}", m.group(1))
                 for m in re.finditer(regex, path.read_text(), re.M)]
        if not found:
            raise ValueError(f"no {description}")
        return found
    return read


def derives(description, regex):
    """Nothing to compare: the file takes its version from another checked
    here, on the line REGEX finds (a literal there would drift)."""
    def read(path):
        if not re.search(regex, path.read_text(), re.M):
            raise ValueError(f"no {description}")
        return []
    return read


# (path, what it should say: "full" X.Y.Z or "minor" X.Y, reader). The
# PostgreSQL extension's versions are X.Y: a patch release changes no SQL.
# The bindings' versions: where the ecosystem lets a manifest read it from
# the code (setuptools' attr, a gemspec's require), it does, and the code's
# literal is checked; every other copy, the READMEs' commands included, is
# checked where it is.
MANIFESTS = [
    ("examples/node/package.json", "full", json_fields("version")),
    ("examples/node/README.md", "full", every("npm pack file name", r"\bcxmetrics-(\d+\.\d+\.\d+)\.tgz\b")),
    ("examples/python/cxmetrics/__init__.py", "full",
     pattern("__version__ = \"...\" line", r"^__version__ = \"([^\"]*)\"$")),
    ("examples/python/pyproject.toml", "full", pyproject),
    ("examples/ruby/lib/cxmetrics/version.rb", "full",
     pattern("VERSION = \"...\" line", r"^\s*VERSION = \"([^\"]*)\"$")),
    ("examples/ruby/cxmetrics.gemspec", "full",
     derives("spec.version = Cxmetrics::VERSION line", r"^\s*spec\.version = Cxmetrics::VERSION\b")),
    ("examples/ruby/README.md", "full", every("gem file name", r"\bcxmetrics-(\d+\.\d+\.\d+)\.gem\b")),
    ("examples/php/composer.json", "full", json_fields("version")),
    ("examples/php/README.md", "full", every('"version" of composer.json', r'`"version": "([^"]*)"`')),
    ("README.md", "full", every("npm or gem file name", r"\bcxmetrics-(\d+\.\d+\.\d+)\.(?:tgz|gem)\b")),
    ("examples/postgresql/META.json", "full",
     json_fields("version", "provides.cxmetrics.version")),
    ("examples/postgresql/cxmetrics.control", "minor",
     pattern("default_version", r"^default_version\s*=\s*'([^']*)'")),
    ("cmake/debian/changelog", "full", pattern("first entry", r"\Acxmetrics \(([^)]+)\)")),
    ("{build}/CPackConfig.cmake", "full",
     pattern("CPACK_PACKAGE_VERSION", r'^set\(CPACK_PACKAGE_VERSION "([^"]*)"\)')),
]


def check(source, build, version):
    """Yields (path, problem or None, pending) for every manifest."""
    minor = version.rsplit(".", 1)[0]
    for name, form, read in MANIFESTS:
        shown = name.format(build=build)
        path = source / shown  # an absolute BUILD_DIR stays as it is
        pending = name in NOT_YET_IN_THE_TREE
        want = version if form == "full" else minor
        try:
            found = read(path)
        except FileNotFoundError:
            yield shown, "missing", pending
            continue
        except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
            yield shown, f"unreadable: {error}", pending
            continue
        except ValueError as error:
            yield shown, str(error), pending
            continue
        wrong = [f"{key} is {value!r}" for key, value in found if value != want]
        yield shown, (", ".join(wrong) + f", not {want!r}") if wrong else None, pending


def main():
    source, build = Path(sys.argv[1]), Path(sys.argv[2])
    version = header_version(source)
    print(f"include/cxmetrics.h: {version}")
    failed = False
    for shown, problem, pending in check(source, build, version):
        if problem is None:
            note = " (listed in NOT_YET_IN_THE_TREE: take it off)" if pending else ""
            print(f"ok       {shown}{note}")
        elif pending:
            print(f"pending  {shown}: {problem} (skipped: NOT_YET_IN_THE_TREE)")
        else:
            print(f"FAIL     {shown}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
