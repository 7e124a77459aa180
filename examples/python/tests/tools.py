"""What the checks of the package (check_types.py, check_package.py) share:
finding an interpreter that has the tools they need, and the skip rule
(exit 77, which a build configured with CXM_REQUIRE_ALL, as CI's is, counts
a failure)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import List, NoReturn, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)  # examples/python
SKIP = 77  # ctest's SKIP_RETURN_CODE


def python_with(modules: List[str]) -> Optional[str]:
    """This interpreter if it imports every module, else Debian's
    /usr/bin/python3 if that does (python3-mypy, python3-setuptools and
    python3-wheel install there, and the interpreter running the tests may
    be another one), else None."""
    for python in dict.fromkeys([sys.executable, "/usr/bin/python3"]):
        if os.path.exists(python) and subprocess.run(
                [python, "-c", f"import {', '.join(modules)}"], capture_output=True,
                check=False).returncode == 0:
            return python
    return None


def skip(reason: str) -> NoReturn:
    """Exit as skipped, with the reason."""
    print(f"SKIPPED: {reason}")
    sys.exit(SKIP)
