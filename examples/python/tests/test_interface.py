"""The binding against the library's interface, and how it finds the library.

The functions, struct layouts and constants come from one source shared by
every binding's tests: tests/abi/interface.py reads the ABI baseline
(tests/abi/cxmetrics.abi) and what tests/abi/constants.c prints, and ctest
hands its document over as CXM_INTERFACE. Functions added since the baseline
was recorded are bound without being listed there; each must still be in the
library that was loaded.
"""
from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import unittest
from ctypes import (POINTER, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t, c_uint8,
                    c_uint32, c_uint64, c_void_p)
from typing import Any, Dict, List, Optional

from support import cxm, interface

from cxmetrics import _library, errors

INTERFACE = interface()

# How each C type of the interface is declared through ctypes: opaque
# handles as void pointers, public structs as the module's mirrors.
_STRUCTS: Dict[str, Any] = {"cxm_scale": _library._Scale, "cxm_snapshot": _library._Snapshot,
                            "cxm_interval": _library._Interval,
                            "cxm_comparison": _library._Comparison}
_SCALARS: Dict[str, Any] = {
    "void": None, "int": c_int, "int32_t": c_int32, "int64_t": c_int64, "uint8_t": c_uint8,
    "uint32_t": c_uint32, "uint64_t": c_uint64, "size_t": c_size_t, "double": c_double,
    "char *": c_char_p, "void *": c_void_p, "cxm_acc *": c_void_p, "cxm_series *": c_void_p,
    "cxm_wacc *": c_void_p, "cxm_recorder *": c_void_p,
}


def ctype_of(spelling: str) -> Any:
    """The ctypes type that declares a C type as interface.py spells it."""
    bare = spelling.replace("const ", "")
    if bare in _SCALARS:
        return _SCALARS[bare]
    if bare.endswith(" *") and bare[:-2] in _STRUCTS:
        return POINTER(_STRUCTS[bare[:-2]])
    assert bare.endswith("*"), f"no ctypes type for {spelling!r}"
    return POINTER(ctype_of(bare[:-1].rstrip()))


def run_python(code: str, **environment: Optional[str]) -> subprocess.CompletedProcess[str]:
    """code in a fresh interpreter that imports this module as the tests do,
    with the environment changed as given (None removes a variable)."""
    env = dict(os.environ)
    for name, value in environment.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    tests = os.path.dirname(os.path.abspath(__file__))
    return subprocess.run([sys.executable, "-c", f"import support; cxm = support.cxm\n{code}"],
                          cwd=tests, env=env, capture_output=True, text=True, check=False)


@unittest.skipIf(INTERFACE is None, "CXM_INTERFACE is not set (ctest sets it)")
class TestInterface(unittest.TestCase):
    """Each fact of the interface is bound, as the library exports it."""

    def setUp(self) -> None:
        assert INTERFACE is not None
        self.interface: Dict[str, Any] = INTERFACE

    def test_every_exported_function_is_declared_with_its_prototype(self) -> None:
        recorded = {f["name"]: f for f in self.interface["functions"]}
        self.assertGreaterEqual(len(recorded), 59)  # 1.0 and 1.1 at least
        unbound = sorted(set(recorded) - set(_library.PROTOTYPES))
        self.assertEqual(unbound, [], "exported functions this module does not declare")
        for name, function in recorded.items():
            restype, argtypes = _library.PROTOTYPES[name]
            want = [ctype_of(t) for _, t in function["parameters"]]
            self.assertEqual((restype, argtypes), (ctype_of(function["returns"]), want),
                             function["prototype"])
        # what is declared beyond the baseline (functions newer than its
        # recording) must be in the library all the same
        library = _library.lib()
        for name in sorted(set(_library.PROTOTYPES) - set(recorded)):
            self.assertTrue(hasattr(library, name), f"{name} is not in {library._name}")

    def test_struct_layouts(self) -> None:
        for name, layout in self.interface["structs"].items():
            self.assertIn(name, _STRUCTS, f"the public struct {name} has no mirror")
            mirror = _STRUCTS[name]
            self.assertGreaterEqual(ctypes.sizeof(mirror), layout["size"], name)
            for member, offset, spelling in layout["members"]:
                field = getattr(mirror, member)
                self.assertEqual(field.offset, offset, f"{name}.{member}")
                self.assertEqual(field.size, ctypes.sizeof(ctype_of(spelling)), f"{name}.{member}")

    def test_every_constant_is_bound_with_its_value(self) -> None:
        constants: Dict[str, int] = self.interface["constants"]
        self.assertIn("CXM_METHOD_JEFFREYS", constants)
        for name, value in constants.items():
            with self.subTest(name):
                self.assert_bound(name[len("CXM_"):], value)

    def assert_bound(self, name: str, value: int) -> None:
        """How the module carries each family of constants: statuses as
        exception classes, names through the library's name functions,
        presets through Scale.preset, the rest as module attributes."""
        family, _, member = name.partition("_")
        if name == "OK":
            errors.check(value)  # raises nothing
        elif family == "ERR":
            self.assertEqual(errors.error(value).name, "CXM_" + name)
            self.assertIsNot(type(errors.error(value)), cxm.CxmError)
        elif family in ("METHOD", "QUANTITY", "ADJUST"):
            spelled = member.lower().replace("_", "-")
            to_name, parse = {"METHOD": (cxm.method_name, cxm.parse_method),
                              "QUANTITY": (cxm.quantity_name, cxm.parse_quantity),
                              "ADJUST": (cxm.adjust_name, cxm.parse_adjust)}[family]
            self.assertEqual((to_name(value), parse(spelled)), (spelled, value))
        elif family == "HEADLINE":
            word = cxm.headline_name(value)
            assert word is not None
            self.assertEqual(cxm.parse_headline(word), value)
        elif family == "PRESET":
            self.assertEqual(cxm.Scale.preset(value), cxm.Scale.preset(member.lower()))
        elif name == "VERSION_MAJOR":
            self.assertEqual(cxm.ABI_MAJOR, value)
        elif family == "VERSION":
            numbers = [int(part) for part in cxm.__version__.split(".")]
            self.assertEqual(numbers[["MAJOR", "MINOR", "PATCH"].index(member)], value)
        else:
            self.assertEqual(getattr(cxm, name), value)

    def test_version(self) -> None:
        constants = self.interface["constants"]
        string, number = cxm.version()
        header = [constants[f"CXM_VERSION_{part}"] for part in ("MAJOR", "MINOR", "PATCH")]
        self.assertEqual(string, ".".join(map(str, header)))
        self.assertEqual(number, header[0] * 10000 + header[1] * 100 + header[2])
        self.assertEqual(cxm.__version__, string)


class TestFindingTheLibrary(unittest.TestCase):
    """CXM_LIBRARY, the system loader, and the refusals: each error names the
    library it looked for, where, and the variable."""

    def test_explicit_path(self) -> None:
        path = os.environ.get("CXM_LIBRARY")
        if not path:
            self.skipTest("CXM_LIBRARY not set")
        self.assertEqual(cxm.load(path)._name, path)

    def test_missing_library(self) -> None:
        with self.assertRaises(cxm.LibraryError) as caught:
            cxm.load("/nonexistent/libcxmetrics.so.1")
        self.assertIn("/nonexistent/libcxmetrics.so.1", str(caught.exception))
        self.assertIn("CXM_LIBRARY", str(caught.exception))
        self.assertIsInstance(caught.exception, ImportError)
        self.assertEqual(cxm.Accumulator("nps").total, 0)  # the previous library stays
        run = run_python("cxm.Accumulator('nps')", CXM_LIBRARY="/nonexistent/lib.so")
        self.assertIn("cxmetrics._library.LibraryError: cannot load /nonexistent/lib.so "
                      "(looked up through $CXM_LIBRARY", run.stderr)

    def test_not_the_library(self) -> None:
        with self.assertRaises(cxm.LibraryError) as caught:
            cxm.load("libc.so.6")
        self.assertEqual(str(caught.exception), "libc.so.6 is not libcxmetrics: it has no "
                         "cxm_version_number; set CXM_LIBRARY to the path of libcxmetrics.so.1")

    def test_system_loader_finds_the_soname(self) -> None:
        path = os.environ.get("CXM_LIBRARY")
        if not path:
            self.skipTest("CXM_LIBRARY not set")
        # the build directory holds libcxmetrics.so.1, as /usr/lib does once installed
        run = run_python("print(cxm.version()[0], cxm.load.__module__)", CXM_LIBRARY=None,
                         LD_LIBRARY_PATH=os.path.dirname(os.path.abspath(path)))
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.split()[0], cxm.version()[0])

    @unittest.skipIf(not os.environ.get("CXM_OTHER_LIBRARY"), "CXM_OTHER_LIBRARY not set")
    def test_another_major_is_refused(self) -> None:
        other = os.environ["CXM_OTHER_LIBRARY"]  # reports 2.0.0 (tests/abi/other_version.c)
        with self.assertRaises(cxm.LibraryError) as caught:
            cxm.load(other)
        self.assertEqual(str(caught.exception),
                         f"{other} is libcxmetrics 2.0.0, of ABI 2; this module needs ABI 1 "
                         "(libcxmetrics.so.1): install libcxmetrics1 or point CXM_LIBRARY at it")
        self.assertEqual(cxm.Accumulator("nps").total, 0)
        run = run_python("cxm.Accumulator('nps')", CXM_LIBRARY=other, CXM_OTHER_VERSION="10100")
        self.assertIn(f"LibraryError: {other} is libcxmetrics 1.1.0; this module needs 1.2 or "
                      "later", run.stderr)
        run = run_python("cxm.Accumulator('nps')", CXM_LIBRARY=other)
        self.assertIn("of ABI 2; this module needs ABI 1", run.stderr)
        # the right version, but not every function: a build between releases
        run = run_python("cxm.Accumulator('nps')", CXM_LIBRARY=other, CXM_OTHER_VERSION="10200")
        self.assertIn(f"LibraryError: {other} (libcxmetrics 1.2.0) has no cxm_status_name, which "
                      "this module needs", run.stderr)


if __name__ == "__main__":
    unittest.main()
