"""The SQL surface of both database extensions against the one table that
states it, docs/sql.md ("The surface at a glance" and the result fields), and
an undefined statistic answered alike by both.

    check_sql_parity.py ROOT [--shell SQLITE3 --module PATH/cxmetrics]

PostgreSQL, statically (no server): the install script of the extension's
default version (examples/postgresql/cxmetrics.control) must create exactly the
table's rows of that version or earlier — functions with their argument names,
types, defaults and result types, aggregates, types and the composite types'
fields, operators, casts — and nothing else a user calls: every other function
it creates must be a type's, cast's, operator's or aggregate's support
function. From 1.2 on, the released 1.1 script followed by the upgrade scripts
must create the same objects as the fresh install.

SQLite, in the real sqlite3 shell with the module loaded: the cxm_ functions it
registers (pragma function_list: name, scalar or window function, argument
counts) and its table-valued functions (pragma module_list, their columns)
must be exactly the table's, and the JSON of each result must have the table's
fields in order, of its types.

Behaviour: every statement of the PostgreSQL regression file
examples/postgresql/tests/sql/undefined.sql (undefined intervals and
comparisons, with defined ones beside them) is run in SQLite, and its JSON
object must equal the row PostgreSQL answers in tests/expected/undefined.out.

Without --shell and --module (a sanitized build cannot load the module into
the shell) the SQLite half is skipped and says so. Exit 0 when everything
agrees, 1 with every difference listed.
"""
import argparse
import json
import os
import re
import sys

FAILURES = []


def fail(message):
    FAILURES.append(message)
    print("FAIL:", message)


# ---- docs/sql.md ---------------------------------------------------------------------

def markdown_table(text, header):
    """The rows (lists of cells) of the table whose header row starts with header."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def code(cell):
    """The first `code span` of a cell, or None when the cell says the
    database does not have it (—)."""
    if cell.startswith("—"):
        return None
    m = re.search(r"`([^`]+)`", cell)
    if m is None:
        raise ValueError(f"docs/sql.md: no `signature` in the cell {cell!r}")
    return m.group(1)


def version(text):
    return tuple(int(x) for x in text.split("."))


TYPE_NAMES = {"float8": "float8", "double precision": "float8", "integer": "integer",
              "int": "integer", "int4": "integer", "bigint": "bigint", "int8": "bigint",
              "boolean": "boolean", "bool": "boolean"}


def normal_type(name):
    name = " ".join(name.lower().split())
    return TYPE_NAMES.get(name, name)


def split_top(text, sep=","):
    """text split at sep outside parentheses and quotes."""
    parts, depth, quote, current = [], 0, False, ""
    for ch in text:
        if ch == "'":
            quote = not quote
        elif not quote and ch in "([":
            depth += 1
        elif not quote and ch in ")]":
            depth -= 1
        if ch == sep and depth == 0 and not quote:
            parts.append(current)
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current)
    return [p.strip() for p in parts]


def signature(text):
    """`(a type[, b type]) → result` as (arguments, optional count, result):
    each argument the words inside it (name and type, or one of them)."""
    m = re.fullmatch(r"\((.*)\)\s*→\s*(.+)", text)
    if m is None:
        raise ValueError(f"docs/sql.md: not a signature: {text!r}")
    args, result = m.groups()
    optional = args.count("[")
    args = [a.split() for a in split_top(args.replace("[", "").replace("]", ""))]
    return args, optional, result.strip()


def table_type(result):
    """TABLE(rating integer, count bigint) as ((rating, integer), ...); the
    SQLite column's TABLE(rating, count) as ((rating,), ...)."""
    m = re.fullmatch(r"TABLE\s*\((.*)\)", result, re.I)
    return tuple(tuple(normal_type(w) if i else w for i, w in enumerate(c.split()))
                 for c in split_top(m.group(1))) if m else None


def read_contract(root):
    """The surface rows and the result fields of docs/sql.md."""
    with open(os.path.join(root, "docs", "sql.md"), encoding="utf-8") as f:
        text = f.read()
    rows = []
    for cells in markdown_table(text, "| name | kind | PostgreSQL | since | SQLite | since |"):
        name, kind, pg, pg_since, lite, lite_since = cells
        row = {"name": code(name), "kind": kind, "pg": code(pg), "lite": code(lite),
               "pg_since": None if pg_since == "—" else version(pg_since),
               "lite_since": None if lite_since == "—" else version(lite_since)}
        for side in ("pg", "lite"):
            if row[side] is None and not re.search(r"—\s*\S", pg if side == "pg" else lite):
                fail(f"docs/sql.md: {name} ({kind}) is missing in one database without a reason")
        rows.append(row)
    fields = {}
    for result, spec in markdown_table(text, "| result | fields |"):
        fields[code(result)] = [
            (m.group(1), normal_type(m.group(2)), version(m.group(3)) if m.group(3) else (1, 1))
            for m in re.finditer(r"`(\w+)`\s+([\w ]+?)\s*(?:\((\d+\.\d+)\))?\s*(?:,|$)", spec)]
    return rows, fields


# ---- PostgreSQL's install scripts ---------------------------------------------------------

def statements(script):
    """The SQL statements of a script: comments and psql meta-commands out,
    split at semicolons outside quotes."""
    script = re.sub(r"--[^\n]*", "", script)
    script = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("\\"))
    return [" ".join(s.split()) for s in split_top(script, ";") if s.strip()]


def options(body):
    """KEY = value pairs of a CREATE TYPE, OPERATOR or AGGREGATE body."""
    return {k.strip().upper(): v.strip() for k, v in
            (part.split("=", 1) for part in split_top(body) if "=" in part)}


class Catalog:
    """What a sequence of scripts creates, by the statements this extension
    uses; anything else of CREATE or ALTER is an error, so that the test never
    passes by not seeing an object."""

    def __init__(self):
        self.functions = {}   # (name, arg types) -> (arg names, defaults, result)
        self.aggregates = {}  # (name, arg types) -> (arg names, options)
        self.types = {}       # name -> None (base) or [(field, type)]
        self.operators = {}   # (op, left, right) -> function name
        self.casts = {}       # (source, target) -> function name
        self.support = set()  # function names the other objects use

    def run(self, script):
        for s in statements(script):
            self.statement(s)

    def statement(self, s):
        m = re.match(r"CREATE (?:OR REPLACE )?FUNCTION (\w+)\s*\((.*?)\)\s*RETURNS (.*?)\s+"
                     r"(?:AS|LANGUAGE)\b", s, re.I)
        if m:
            name, args, result = m.groups()
            types, names, defaults = [], [], 0
            for a in split_top(args):
                a = re.split(r"\s+DEFAULT\s+", a, flags=re.I)
                defaults += len(a) > 1
                words = a[0].split()
                names.append(words[0] if len(words) > 1 else None)
                types.append(normal_type(" ".join(words[1:] if len(words) > 1 else words)))
            table = table_type(result)
            self.functions[(name, tuple(types))] = (
                tuple(names), defaults, table if table else normal_type(result))
            return
        m = re.match(r"CREATE (?:OR REPLACE )?AGGREGATE (\w+)\s*\((.*?)\)\s*\((.*)\)$", s, re.I)
        if m:
            name, args, body = m.groups()
            words = [a.split() for a in split_top(args)]
            opts = options(body)
            self.aggregates[(name, tuple(normal_type(w[-1]) for w in words))] = (
                tuple(w[0] if len(w) > 1 else None for w in words), opts)
            for key in ("SFUNC", "FINALFUNC", "COMBINEFUNC", "MSFUNC", "MINVFUNC", "MFINALFUNC",
                        "SERIALFUNC", "DESERIALFUNC"):
                if key in opts:
                    self.support.add(opts[key])
            return
        m = re.match(r"CREATE TYPE (\w+)(?:\s+AS\s*\((.*)\)|\s*\((.*)\))?$", s, re.I)
        if m:
            name, fields, base = m.groups()
            if fields is not None:
                self.types[name] = [(f.split()[0], normal_type(" ".join(f.split()[1:])))
                                    for f in split_top(fields)]
            else:
                self.types[name] = None
                self.support.update(options(base or "").values())
            return
        m = re.match(r"ALTER TYPE (\w+) (ADD ATTRIBUTE .*)$", s, re.I)
        if m:
            for add in split_top(m.group(2)):
                words = re.sub(r"^ADD ATTRIBUTE\s+", "", add, flags=re.I).split()
                self.types[m.group(1)].append((words[0], normal_type(" ".join(words[1:]))))
            return
        m = re.match(r"CREATE OPERATOR CLASS .* AS (.*)$", s, re.I)
        if m:
            for item in split_top(m.group(1)):
                f = re.match(r"FUNCTION \d+ (\w+)", item, re.I)
                if f:
                    self.support.add(f.group(1))
            return
        m = re.match(r"CREATE OPERATOR (\S+)\s*\((.*)\)$", s, re.I)
        if m:
            opts = options(m.group(2))
            function = opts.get("FUNCTION", opts.get("PROCEDURE"))
            self.operators[(m.group(1), normal_type(opts["LEFTARG"]),
                            normal_type(opts["RIGHTARG"]))] = function
            self.support.add(function)
            return
        m = re.match(r"CREATE CAST \((\w+) AS (\w+)\) WITH FUNCTION (\w+)", s, re.I)
        if m:
            self.casts[(m.group(1), m.group(2))] = m.group(3)
            self.support.add(m.group(3))
            return
        if re.match(r"(CREATE|ALTER|DROP)\b", s, re.I) and not re.match(
                r"(COMMENT|GRANT|UPDATE)\b", s, re.I):
            fail(f"a statement this test does not understand: {s[:120]}")

    def result_of(self, name, args):
        entry = self.functions.get((name, args))
        return entry[2] if entry else None

    def summary(self):
        """Every object with what a user sees of it, for comparing two catalogs:
        an aggregate by its arguments and its state and final function (an
        upgrade may change its initial condition in the catalog itself, which
        the live upgrade test compares)."""
        return {"functions": self.functions, "types": self.types, "operators": self.operators,
                "casts": self.casts,
                "aggregates": {k: (v[0], v[1].get("STYPE"), v[1].get("FINALFUNC"))
                               for k, v in self.aggregates.items()}}


def pg_argument(words):
    """(name or None, type) of one argument as docs/sql.md writes it."""
    return (words[0], normal_type(" ".join(words[1:]))) if len(words) > 1 else (None, words[0])


def check_postgresql(root, rows, fields):
    here = os.path.join(root, "examples", "postgresql")
    with open(os.path.join(here, "cxmetrics.control")) as f:
        default = re.search(r"default_version\s*=\s*'([\d.]+)'", f.read()).group(1)
    script = os.path.join(here, f"cxmetrics--{default}.sql")
    catalog = Catalog()
    with open(script) as f:
        catalog.run(f.read())
    v = version(default)
    failures = len(FAILURES)
    wanted = [r for r in rows if r["pg"] is not None and r["pg_since"] <= v]
    where = f"examples/postgresql/cxmetrics--{default}.sql"

    documented = set()
    for r in wanted:
        name, kind, sig = r["name"], r["kind"], r["pg"]
        if kind in ("function", "table function", "aggregate"):
            args, optional, result = signature(sig)
            pairs = [pg_argument(a) for a in args]
            key = (name, tuple(normal_type(t) for _, t in pairs))
            if kind == "aggregate":
                got = catalog.aggregates.get(key)
                if got is None:
                    fail(f"{where}: no aggregate {name}{sig}")
                    continue
                opts = got[1]
                returns = (catalog.result_of(opts["FINALFUNC"], (normal_type(opts["STYPE"]),))
                           if "FINALFUNC" in opts else normal_type(opts["STYPE"]))
                got = (got[0], 0, returns)
            else:
                got = catalog.functions.get(key)
                documented.add(key)
                if got is None:
                    fail(f"{where}: no function {name}{sig}")
                    continue
            want_result = table_type(result) or normal_type(result)
            want = (tuple(n for n, _ in pairs), optional, want_result)
            if got != want:
                fail(f"{where}: {name}{sig}: the script has arguments {got[0]}, {got[1]} "
                     f"defaults, result {got[2]}")
        elif kind == "type":
            if sig not in catalog.types:
                fail(f"{where}: no type {sig}")
        elif kind == "operator":
            m = re.fullmatch(r"(\w+) (\S+) (\w+) → (\w+)", sig)
            left, op, right, result = m.groups()
            function = catalog.operators.get((op, left, right))
            if function is None:
                fail(f"{where}: no operator {sig}")
            elif catalog.result_of(function, (left, right)) != normal_type(result):
                fail(f"{where}: operator {sig} is {function}, of another result")
        elif kind == "cast":
            source, target = sig.split("::")
            if (source, target) not in catalog.casts:
                fail(f"{where}: no cast {sig}")
        else:
            fail(f"docs/sql.md: unknown kind {kind!r} of {name}")

    # Nothing a user calls that the contract does not state.
    def listed(kind, key):
        return any(r["kind"] == kind and r["pg"] is not None and (
            r["pg"] == key if kind == "type" else True) for r in wanted)
    for (name, args) in catalog.functions:
        if (name, args) not in documented and name not in catalog.support:
            fail(f"{where}: function {name}({', '.join(args)}) is in no row of docs/sql.md")
    want_aggregates = {(r["name"], tuple(normal_type(pg_argument(a)[1])
                                         for a in signature(r["pg"])[0]))
                       for r in wanted if r["kind"] == "aggregate"}
    for key in catalog.aggregates:
        if key not in want_aggregates:
            fail(f"{where}: aggregate {key[0]}{key[1]} is in no row of docs/sql.md")
    want_types = {r["pg"] for r in wanted if r["kind"] == "type"}
    for name in catalog.types:
        if name not in want_types:
            fail(f"{where}: type {name} is in no row of docs/sql.md")
    want_ops = {tuple(re.fullmatch(r"(\w+) (\S+) (\w+) → \w+", r["pg"]).group(2, 1, 3))
                for r in wanted if r["kind"] == "operator"}
    for key in catalog.operators:
        if key not in want_ops:
            fail(f"{where}: operator {key} is in no row of docs/sql.md")
    want_casts = {tuple(r["pg"].split("::")) for r in wanted if r["kind"] == "cast"}
    for key in catalog.casts:
        if key not in want_casts:
            fail(f"{where}: cast {key} is in no row of docs/sql.md")
    for result, spec in fields.items():
        want = [(f, t) for f, t, since in spec if since <= v]
        if catalog.types.get(result) != want:
            fail(f"{where}: type {result} has fields {catalog.types.get(result)}, docs/sql.md "
                 f"{want}")
    if len(FAILURES) == failures:
        print(f"PostgreSQL: {where} creates the {len(wanted)} objects of docs/sql.md up to "
              f"{default}, and no other a user calls")
    if v > (1, 1):
        check_upgrades(here, default, catalog)


def check_upgrades(here, default, fresh):
    """1.1's script and the upgrades after it create what the fresh install does."""
    upgraded = Catalog()
    with open(os.path.join(here, "cxmetrics--1.1.sql")) as f:
        upgraded.run(f.read())
    at, steps = "1.1", []
    while at != default:
        step = next((n for n in os.listdir(here) if n.startswith(f"cxmetrics--{at}--")), None)
        if step is None:
            fail(f"no upgrade script from {at} towards {default}")
            return
        with open(os.path.join(here, step)) as f:
            upgraded.run(f.read())
        steps.append(step)
        at = step[len(f"cxmetrics--{at}--"):-len(".sql")]
    a, b = upgraded.summary(), fresh.summary()
    failures = len(FAILURES)
    for part in a:
        if a[part] != b[part]:
            only_up = {k: v for k, v in a[part].items() if b[part].get(k) != v}
            only_fresh = {k: v for k, v in b[part].items() if a[part].get(k) != v}
            fail(f"{part} after cxmetrics--1.1.sql and {', '.join(steps)} differ from "
                 f"cxmetrics--{default}.sql: {only_up} against {only_fresh}")
    if len(FAILURES) == failures:
        print(f"PostgreSQL: cxmetrics--1.1.sql then {', '.join(steps)} create what "
              f"cxmetrics--{default}.sql does")


# ---- SQLite ----------------------------------------------------------------------------

def lite_arguments(sig):
    """The argument counts a SQLite signature allows, and its TABLE columns."""
    args, optional, result = signature(sig)
    return set(range(len(args) - optional, len(args) + 1)), table_type(result)


def undefined_cases(root):
    """The statements of undefined.sql and the rows PostgreSQL answered."""
    tests = os.path.join(root, "examples", "postgresql", "tests")
    with open(os.path.join(tests, "sql", "undefined.sql")) as f:
        sql = [line.strip() for line in f if line.startswith("SELECT * FROM ")]
    with open(os.path.join(tests, "expected", "undefined.out")) as f:
        out = f.read().splitlines()
    cases = []
    for statement in sql:
        at = out.index(statement)
        header = [h.strip() for h in out[at + 1].split("|")]
        values = [v.strip() for v in out[at + 3].split("|")]
        if out[at + 4] != "(1 row)":
            raise ValueError(f"undefined.out: {statement} is not one row")
        cases.append((statement, dict(zip(header, values))))
    return cases


def to_sqlite(statement):
    """SELECT * FROM cxm_f('text'::cxm_acc, ...) as SQLite's cxm_f(cxm_from_text('text'), ...)."""
    m = re.fullmatch(r"SELECT \* FROM (cxm_\w+)\((.*)\);", statement)
    args = re.sub(r"('(?:[^']|'')*')::cxm_w?acc", r"cxm_from_text(\1)", m.group(2))
    return f"SELECT {m.group(1)}({args})"


def same_value(pg_text, value, field):
    if pg_text == "NULL":
        return value is None
    if isinstance(value, str):
        return value == pg_text
    return value is not None and float(pg_text) == value


def check_sqlite(root, rows, fields, shell, module):
    sys.path.insert(0, os.path.join(root, "examples", "sqlite", "tests"))
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    import sqlhosts
    host = sqlhosts.ShellHost(module, shell)
    cases = undefined_cases(root)
    samples = {"cxm_snapshot": ["SELECT cxm_snapshot(cxm_from_text('nps{0:1,9:3}'))",
                                "SELECT cxm_snapshot(cxm_from_text('nps[6:1/40/1600,9:2/7/25]'))",
                                "SELECT cxm_snapshot(cxm_from_text('nps{}'))"],
               "cxm_interval": ["SELECT cxm_interval(cxm_from_text('nps{0:1,9:3}'))",
                                "SELECT cxm_interval(cxm_from_text('nps[6:1/40/1600,9:2/7/25]'))"],
               "cxm_comparison": ["SELECT cxm_compare(cxm_from_text('ces{1:2,4:1}'), "
                                  "cxm_from_text('ces{6:3,7:1}'))",
                                  "SELECT cxm_compare(cxm_from_text('ces[1:2/7/25]'), "
                                  "cxm_from_text('ces[6:3/9/27,7:1/4/16]'))"]}
    queries = ["SELECT name, type, narg FROM pragma_function_list WHERE name LIKE 'cxm\\_%' "
               "ESCAPE '\\' ORDER BY name, narg",
               "SELECT name FROM pragma_module_list WHERE name LIKE 'cxm\\_%' ESCAPE '\\' "
               "ORDER BY name"]
    tables = sorted({r["name"] for r in rows if r["kind"] == "table function" and r["lite"]})
    queries += [f"SELECT name, hidden FROM pragma_table_xinfo('{t}') ORDER BY cid" for t in tables]
    sample_sql = [sql for result in fields for sql in samples[result]]
    outcomes = host.run(queries + sample_sql + [to_sqlite(s) for s, _ in cases])
    errors = [o.error for o in outcomes if o.error is not None]
    if errors:
        fail(f"SQLite: {errors}")
        return
    failures = len(FAILURES)

    # the functions and table-valued functions
    want = {}
    for r in rows:
        if r["lite"] is None:
            continue
        counts, table = lite_arguments(r["lite"])
        entry = (r["kind"], frozenset(counts), table)
        if want.setdefault(r["name"], entry) != entry:
            fail(f"docs/sql.md: {r['name']} has two different SQLite signatures")
    got = {}
    for name, type_, narg in outcomes[0].rows:
        kind = {"s": "function", "w": "aggregate", "a": "aggregate"}[type_]
        if type_ == "a":
            fail(f"SQLite: {name} is an aggregate without a window form")
        got.setdefault(name, (kind, set()))[1].add(narg)
    modules = [name for (name,) in outcomes[1].rows]
    for name, (kind, counts, table) in want.items():
        if kind == "table function":
            if name not in modules:
                fail(f"SQLite: no table-valued function {name}")
                continue
            columns = outcomes[2 + tables.index(name)].rows
            shown = tuple((c,) for c, hidden in columns if not hidden)
            hidden = sum(1 for _, h in columns if h)
            if shown != table or {hidden} != set(counts):
                fail(f"SQLite: {name} has columns {columns}, docs/sql.md {table} and "
                     f"{sorted(counts)} arguments")
        elif got.get(name) != (kind, set(counts)):
            fail(f"SQLite: {name} is registered as {got.get(name)}, docs/sql.md says {kind} "
                 f"with {sorted(counts)} arguments")
    for name in got:
        if name not in want:
            fail(f"SQLite: the module registers {name}, which is in no row of docs/sql.md")
    for name in modules:
        if want.get(name, ("",))[0] != "table function":
            fail(f"SQLite: the module registers the table {name}, which docs/sql.md lacks")

    # the JSON of each result
    at = 2 + len(tables)
    json_types = {"text": (str,), "bigint": (int,), "float8": (float, type(None))}
    for result, spec in fields.items():
        for sql in samples[result]:
            value = json.loads(outcomes[at].rows[0][0])
            at += 1
            names = [f for f, _, _ in spec]
            if list(value) != names:
                fail(f"SQLite: {sql} has the fields {list(value)}, docs/sql.md {names}")
            for f, t, _ in spec:
                if not isinstance(value.get(f), json_types[t]):
                    fail(f"SQLite: {sql}: {f} is {value.get(f)!r}, not {t}")
    if len(FAILURES) == failures:
        print(f"SQLite: the module registers the {len(want)} functions of docs/sql.md and no "
              f"other; its JSON results have the documented fields")
    failures = len(FAILURES)

    # undefined statistics, alike
    for (statement, row), o in zip(cases, outcomes[at:]):
        value = json.loads(o.rows[0][0])
        if list(value) != list(row) or not all(same_value(row[k], value[k], k) for k in row):
            fail(f"{statement}\n  PostgreSQL: {row}\n  SQLite:     {value}")
    if len(FAILURES) == failures:
        print(f"SQLite answers the {len(cases)} cases of "
              f"examples/postgresql/tests/sql/undefined.sql as PostgreSQL does")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--shell", default="")
    ap.add_argument("--module", default="")
    args = ap.parse_args()
    rows, fields = read_contract(args.root)
    check_postgresql(args.root, rows, fields)
    if args.shell and args.module and os.path.exists(args.shell.split()[-1]):
        check_sqlite(args.root, rows, fields, args.shell, args.module)
    else:
        print("SQLite: skipped (no sqlite3 shell, or no module this build can load into it)")
    if FAILURES:
        print(f"{len(FAILURES)} difference(s) between docs/sql.md and the extensions")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
