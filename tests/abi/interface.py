#!/usr/bin/env python3
"""The library's interface as one JSON document, for the bindings' drift tests.

Each binding (examples/python, node, ruby, php) checks that it binds every
exported function with its exact prototype, mirrors every public struct member
at its offset, and carries every constant with its value. They all read the
facts from here rather than each scanning include/cxmetrics.h with its own
regular expressions:

  functions  tests/abi/cxmetrics.abi, the ABI baseline (libabigail's abidw
             output): every exported function, its version node, and its
             prototype with the parameter names and the types as the header
             spells them ("const cxm_scale *", "int32_t", "uint64_t *");
  structs    the same file: size and member offsets of each public struct;
  constants  what constants.c prints when built against include/cxmetrics.h
             with CXM_ABI_ALL (the lists the ABI gate keeps), as NAME VALUE.

The baseline is re-recorded when a release adds functions, so until then a new
function is in the header and the library but not here: the drift tests check
everything recorded, and each binding may bind more.

Usage:
  interface.py [--abi FILE] [--constants PROGRAM] [--output FILE]
  interface.py --functions [--abi FILE]     # the function names, one a line

The document:
  {"soname": "libcxmetrics.so.1",
   "functions": [{"name": "cxm_acc_add", "version": "CXMETRICS_1.0",
                  "returns": "int", "parameters": [["acc", "cxm_acc *"],
                  ["rating", "int32_t"]],
                  "prototype": "int cxm_acc_add(cxm_acc *acc, int32_t rating)"}, ...],
   "structs": {"cxm_scale": {"size": 32, "members": [["size", 0, "uint32_t"], ...]}, ...},
   "constants": {"CXM_OK": 0, ...}}
ctest writes it to build/tests/abi/interface.json (test abi_interface) and
hands its path to the binding tests as CXM_INTERFACE.
"""
import argparse
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

HERE = os.path.dirname(os.path.abspath(__file__))


class Types:
    """The type definitions of an abidw corpus by id, spelled as C spells
    them: the first name met (a typedef such as int32_t or cxm_acc, a base
    type such as int), then its qualifiers and pointers."""

    def __init__(self, root):
        self.by_id = {e.get("id"): e for e in root.iter() if e.get("id")}

    def spell(self, type_id):
        element = self.by_id[type_id]
        tag = element.tag
        if tag in ("type-decl", "typedef-decl"):
            return element.get("name")
        if tag == "class-decl":
            return "struct " + element.get("name")
        if tag == "pointer-type-def":
            inner = self.spell(element.get("type-id"))
            return inner + ("*" if inner.endswith("*") else " *")
        if tag == "qualified-type-def" and element.get("const") == "yes":
            inner = self.spell(element.get("type-id"))
            return inner + " const" if inner.endswith("*") else "const " + inner
        raise ValueError(f"type {type_id}: cannot spell a {tag}")

    def prototype(self, returns, name, parameters):
        arguments = ", ".join(_declarator(t, n) for n, t in parameters) or "void"
        return f"{_declarator(returns, name)}({arguments})"


def _declarator(type_name, name):
    """'cxm_acc *' and 'acc' give 'cxm_acc *acc'; 'int' and 'n' give 'int n'."""
    return f"{type_name}{name}" if type_name.endswith("*") else f"{type_name} {name}"


def read_abi(path):
    root = ElementTree.parse(path).getroot()
    types = Types(root)
    versions = {s.get("name"): s.get("version") for s in root.iter("elf-symbol")}
    functions = []
    for decl in root.iter("function-decl"):
        name = decl.get("name")
        if name not in versions:
            continue
        parameters = [(p.get("name"), types.spell(p.get("type-id")))
                      for p in decl.findall("parameter")]
        returns = types.spell(decl.find("return").get("type-id"))
        functions.append({"name": name, "version": versions[name], "returns": returns,
                          "parameters": parameters,
                          "prototype": types.prototype(returns, name, parameters)})
    functions.sort(key=lambda f: f["name"])
    missing = set(versions) - {f["name"] for f in functions}
    if missing:
        raise ValueError(f"{path}: symbols without a declaration: {sorted(missing)}")
    structs = {}
    for decl in root.iter("class-decl"):
        if decl.get("is-declaration-only") == "yes" or decl.get("name") in structs:
            continue
        members = [(m.find("var-decl").get("name"), int(m.get("layout-offset-in-bits")) // 8,
                    types.spell(m.find("var-decl").get("type-id")))
                   for m in decl.findall("data-member")]
        structs[decl.get("name")] = {"size": int(decl.get("size-in-bits")) // 8,
                                     "members": members}
    return {"soname": root.get("soname"), "functions": functions,
            "structs": dict(sorted(structs.items()))}


def read_constants(program):
    """NAME VALUE lines of the constants program, as a dict of ints."""
    text = subprocess.run([program], check=True, capture_output=True, text=True).stdout
    constants = {}
    for line in text.splitlines():
        name, value = line.split()
        constants[name] = int(value)
    return constants


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--abi", default=os.path.join(HERE, "cxmetrics.abi"))
    parser.add_argument("--constants", metavar="PROGRAM",
                        help="constants.c built with CXM_ABI_ALL (abi_constants_all)")
    parser.add_argument("--output", help="write the JSON here instead of stdout")
    parser.add_argument("--functions", action="store_true",
                        help="print only the function names, one a line")
    args = parser.parse_args(argv)
    interface = read_abi(args.abi)
    if args.functions:
        print("\n".join(f["name"] for f in interface["functions"]))
        return
    interface["constants"] = read_constants(args.constants) if args.constants else {}
    text = json.dumps(interface, indent=1) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
