"""ctest's python_package: the package installed as pip installs it, used
from elsewhere.

  1. a fresh venv (`python3 -m venv --system-site-packages`, so that the
     build uses Debian's setuptools and wheel: no network at build time);
  2. of a copy of examples/python (the build writes in the source tree,
     which must stay clean), the sdist (setuptools' build_sdist) and the
     wheel (`pip wheel --no-build-isolation --no-index`), each holding the
     LICENSE, the project's byte for byte (a committed copy, which must not
     drift), and `pip install --no-index` of that wheel;
  3. from another directory: the README's example, whose output must be the
     lines the README shows; the whole test suite against the installed
     package; and mypy --strict on the example through the installed
     package's py.typed (when mypy is there).

Skipped (77) without an interpreter that has venv, ensurepip, setuptools and
wheel (Debian: python3-venv python3-setuptools python3-wheel)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from typing import Dict, List, Tuple

from tools import HERE, PACKAGE, python_with, skip


def run(command: List[str], cwd: str, env: Dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        sys.exit(f"FAILED: {' '.join(command)} (exit {done.returncode})\n"
                 f"{done.stdout}{done.stderr}")
    return done.stdout


def readme_examples() -> List[Tuple[str, str]]:
    """The README's examples that say what they print: each Python block
    followed by "prints" and the lines, as a program of its own."""
    with open(os.path.join(PACKAGE, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    found = re.findall(r"```python\n((?:(?!```).)*)```\n\nprints\n\n```\n(.*?)```", readme, re.S)
    assert found, "README.md: no example followed by what it prints"
    return [(code if code.startswith("import cxmetrics") else "import cxmetrics\n" + code, printed)
            for code, printed in found]


def license_in(archive: str) -> bytes:
    """The LICENSE an sdist (cxmetrics-V/LICENSE) or a wheel
    (cxmetrics-V.dist-info/LICENSE) holds."""
    if archive.endswith(".whl"):
        with zipfile.ZipFile(archive) as wheel:
            names = [n for n in wheel.namelist() if re.fullmatch(r"[^/]+\.dist-info/LICENSE", n)]
            assert names, f"{os.path.basename(archive)} holds no LICENSE: {wheel.namelist()}"
            return wheel.read(names[0])
    with tarfile.open(archive) as sdist:
        names = [n for n in sdist.getnames() if re.fullmatch(r"[^/]+/LICENSE", n)]
        assert names, f"{os.path.basename(archive)} holds no LICENSE: {sdist.getnames()}"
        member = sdist.extractfile(names[0])
        assert member is not None
        return member.read()


def main() -> int:
    python = python_with(["venv", "ensurepip", "setuptools", "wheel"])
    if python is None:
        skip("no interpreter with venv, ensurepip, setuptools and wheel "
             "(Debian: apt-get install python3-venv python3-setuptools python3-wheel)")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    with tempfile.TemporaryDirectory(prefix="cxm-pip-") as tmp:
        source, venv, elsewhere = (os.path.join(tmp, d) for d in ("src", "venv", "elsewhere"))
        shutil.copytree(PACKAGE, source,
                        ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
        os.mkdir(elsewhere)
        run([python, "-m", "venv", "--system-site-packages", venv], tmp, env)
        bin_python = os.path.join(venv, "bin", "python")
        dist = os.path.join(tmp, "dist")
        run([bin_python, "-c", f"from setuptools import build_meta; build_meta.build_sdist({dist!r})"],
            source, env)
        run([bin_python, "-m", "pip", "wheel", "--quiet", "--no-build-isolation", "--no-index",
             "--no-deps", "--wheel-dir", dist, source], tmp, env)
        archives = sorted((os.path.join(dist, f) for f in os.listdir(dist)), key=lambda a: a.endswith(".whl"))
        assert [a.endswith(".whl") for a in archives] == [False, True], archives  # sdist, wheel
        with open(os.path.join(PACKAGE, "..", "..", "LICENSE"), "rb") as license_file:
            project_license = license_file.read()
        for archive in archives:
            assert license_in(archive) == project_license, \
                f"the LICENSE in {os.path.basename(archive)} is not the project's"
        print(f"LICENSE: the project's, byte for byte, in {' and '.join(map(os.path.basename, archives))}")
        run([bin_python, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", archives[1]],
            tmp, env)
        where = run([bin_python, "-c", "import cxmetrics; print(cxmetrics.__file__)"],
                    elsewhere, env).strip()
        assert where.startswith(venv), f"imported {where}, not the installed package"
        assert os.path.exists(os.path.join(os.path.dirname(where), "py.typed")), "no py.typed"
        print(f"installed: {os.path.relpath(where, venv)} (cxmetrics "
              f"{run([bin_python, '-m', 'pip', 'show', 'cxmetrics'], tmp, env).split()[3]})")

        examples = []
        for number, (code, printed) in enumerate(readme_examples(), start=1):
            example = os.path.join(elsewhere, f"example{number}.py")
            with open(example, "w", encoding="utf-8") as f:
                f.write(code)
            output = run([bin_python, example], elsewhere, env)
            if output != printed:
                sys.exit(f"FAILED: README example {number} printed\n{output}instead of\n{printed}")
            examples.append(example)
        print(f"README: {len(examples)} examples print what the README shows")

        run([bin_python, "-m", "unittest", "discover", "-s", HERE],
            elsewhere, dict(env, CXM_PYTHON_INSTALLED="1"))
        print("test suite: passes against the installed package")

        mypy = python_with(["mypy"])
        if mypy is None:
            print("mypy is not installed: the installed package's types are not checked")
        else:
            run([mypy, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir",
                 os.path.join(tmp, "mypy"), "--python-executable", bin_python, *examples],
                elsewhere, env)
            print("mypy --strict: the README examples type-check through the installed py.typed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
