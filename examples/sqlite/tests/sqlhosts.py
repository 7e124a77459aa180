"""The two SQLite hosts the extension is tested in, behind one interface.

A test is a list of single-line SQL statements run in order on one fresh
connection with the extension loaded; each statement's outcome is either the
rows it returned, as Python values, or the error message it raised. The same
statements run in

  ShellHost   the real sqlite3 command-line shell, one process per list: each
              statement on its own line, rows read from `.mode quote` output
              (exact: 20 significant digits for REALs) and errors from
              "... error near line N: message" on stderr;
  PythonHost  Python's sqlite3 module (sqlite3.Connection.load_extension),

so every expectation is checked against both without being written twice.
"""
import os
import re
import shlex
import sqlite3
import subprocess


class Outcome:
    def __init__(self, rows=None, error=None):
        self.rows = rows
        self.error = error

    def __repr__(self):
        return f"error: {self.error}" if self.error is not None else f"rows: {self.rows!r}"


def python_can_load_extensions():
    """Some Python builds leave out loadable extension support (pyenv's by
    default, for instance); Debian's /usr/bin/python3 has it."""
    return hasattr(sqlite3.Connection, "enable_load_extension")


class PythonHost:
    name = "python"

    def __init__(self, module):
        self.module = module

    def run(self, statements):
        con = sqlite3.connect(":memory:")
        try:
            con.enable_load_extension(True)
            con.load_extension(self.module)
            con.enable_load_extension(False)
            outcomes = []
            for sql in statements:
                try:
                    outcomes.append(Outcome(rows=[tuple(r) for r in con.execute(sql).fetchall()]))
                except sqlite3.Error as e:
                    outcomes.append(Outcome(error=str(e)))
            return outcomes
        finally:
            con.close()


_TOKEN = re.compile(r"""NULL|X'([0-9a-fA-F]*)'|'((?:[^']|'')*)'|([-+0-9.eE]+|Inf|-Inf)""")


def parse_quote_row(line):
    """One line of `.mode quote` output: SQL literals separated by commas."""
    values, pos = [], 0
    while True:
        m = _TOKEN.match(line, pos)
        if m is None:
            raise ValueError(f"cannot parse shell output {line!r} at {pos}")
        text = m.group(0)
        if text == "NULL":
            values.append(None)
        elif m.group(1) is not None:
            values.append(bytes.fromhex(m.group(1)))
        elif m.group(2) is not None:
            values.append(m.group(2).replace("''", "'"))
        elif re.fullmatch(r"-?[0-9]+", text):
            values.append(int(text))
        else:
            values.append(float(text))
        pos = m.end()
        if pos == len(line):
            return tuple(values)
        if line[pos] != ",":
            raise ValueError(f"cannot parse shell output {line!r} at {pos}")
        pos += 1


class ShellHost:
    """Every statement is prefixed with its index as the first column, so the
    rows on stdout can be told apart; errors carry the line number."""

    name = "shell"
    _ERROR = re.compile(r"^(?:Parse|Runtime) error near line (\d+): (.*)$")

    def __init__(self, module, shell):
        self.module = module
        self.shell = shlex.split(shell)  # may carry a wrapper: "valgrind ... sqlite3"

    def run(self, statements):
        script = [f".load {self.module}", ".mode quote"]
        first_line = len(script) + 1
        for i, sql in enumerate(statements):
            if "\n" in sql:
                raise ValueError("one statement per line: " + sql)
            sql = sql.rstrip(" ;")
            if re.match(r"\s*WITH\b", sql, flags=re.I):  # a query of CTEs, tagged whole
                tagged = f"SELECT {i}, * FROM ({sql})"
            else:
                tagged = re.sub(r"^\s*SELECT\b", f"SELECT {i},", sql, count=1, flags=re.I)
            script.append(tagged + ";")
        done = subprocess.run(self.shell + [":memory:"], input="\n".join(script) + "\n",
                              capture_output=True, text=True, timeout=900,
                              env=dict(os.environ, LC_ALL="C"))
        # The shell exits 1 after an SQL error; a signal (a crash) or anything
        # else (valgrind's --error-exitcode) fails the test outright.
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(self.shell)} exited {done.returncode}:\n"
                               + done.stderr[-4000:])
        outcomes = [Outcome(rows=[]) for _ in statements]
        for line in done.stdout.splitlines():
            row = parse_quote_row(line)
            outcomes[row[0]].rows.append(row[1:])
        for line in done.stderr.splitlines():
            m = self._ERROR.match(line)
            if m:
                index = int(m.group(1)) - first_line
                if not 0 <= index < len(statements):
                    raise RuntimeError("shell error outside the statements: " + line)
                outcomes[index] = Outcome(error=m.group(2))
            elif line.startswith("Error") or line.startswith("error") or line.startswith("=="):
                raise RuntimeError("unexpected shell message: " + line)
        return outcomes
