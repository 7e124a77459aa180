"""The weighted aggregates' own arithmetic against the library's.

cxm_wacc_agg keeps its transition state in the extension's sums form and adds,
removes (a moving window frame), merges and subtracts responses there in place
(wstate.c), to spare every row a library call; only the final state goes
through the library. This check gives both the same random weighted
responses — weights of 1, of 2^32 - 1 (so that the sums of squares carry past
64 bits) and between — and demands the same states to the bit:

  PostgreSQL   cxm_wacc_agg per group, the same over a moving window frame,
               cxm_merge_agg of partial states and `-` of a part, read as the
               type's text and as its bytes (cxm_wacc::bytea);
  the library  the same statements in the sqlite3 shell with this build's extension,
               whose aggregates call cxm_wacc_add, cxm_wacc_remove,
               cxm_wacc_merge and cxm_wacc_subtract (examples/sqlite).

    check_wacc_library.py --module PATH/cxmetrics [--shell SQLITE3] [--seed N] [--groups N]

PostgreSQL is reached with psql through PGHOST, PGPORT, PGUSER and
PGDATABASE (cluster.sh sets them), in a database where the extension is
created. Exit 0 when every state agrees, 1 with the differences (and the seed
to rerun with).
"""
import argparse
import random
import subprocess
import sys

SCALES = {"nps": (0, 10), "csat5": (1, 5), "ces7": (1, 7), "-3..3/2..3/-3..-2/net": (-3, 3)}
WEIGHT_MAX = 2**32 - 1


def weight(rng):
    pick = rng.random()
    if pick < 0.2:
        return 1
    if pick < 0.4:
        return WEIGHT_MAX
    if pick < 0.6:
        return rng.randint(WEIGHT_MAX - 1000, WEIGHT_MAX)
    if pick < 0.8:
        return rng.randint(1, 1000)
    return rng.randint(1, WEIGHT_MAX)


def responses(seed, groups):
    """(grp, seq, scale, rating, weight) rows; some ratings NULL (skipped)."""
    rng = random.Random(seed)
    rows = []
    for g in range(groups):
        scale = rng.choice(sorted(SCALES))
        low, high = SCALES[scale]
        for seq in range(rng.choice([0, 1, 2, rng.randint(3, 80)])):
            rating = None if rng.random() < 0.03 else rng.randint(low, high)
            rows.append((g, seq, scale, rating, weight(rng)))
    return rows


# The questions, each answering rows of (tag, group, seq, text, hex), seq -1
# where a row is a group's; {text}, {hex} and {minus} are filled in each
# database's words.
QUESTIONS = [
    "SELECT 'total', grp, -1, {text}, {hex} FROM "
    "(SELECT grp, cxm_wacc_agg(rating, weight, scale) AS s FROM responses GROUP BY grp) t",
    # a frame of five rows moving down each group: the inverse takes rows out
    "SELECT 'window', grp, seq, {text}, {hex} FROM "
    "(SELECT grp, seq, cxm_wacc_agg(rating, weight, scale) OVER (PARTITION BY grp ORDER BY seq "
    "ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS s FROM responses) t WHERE s IS NOT NULL",
    "SELECT 'merged', grp, -1, {text}, {hex} FROM "
    "(SELECT grp, cxm_merge_agg(s) AS s FROM "
    "(SELECT grp, cxm_wacc_agg(rating, weight, scale) AS s FROM responses GROUP BY grp, seq % 3) p "
    "GROUP BY grp) t",
    # a group's total less the state of its even rows: the odd rows' state
    "SELECT 'rest', grp, -1, {text}, {hex} FROM "
    "(SELECT t.grp, {minus} AS s FROM "
    "(SELECT grp, cxm_wacc_agg(rating, weight, scale) AS s FROM responses GROUP BY grp) t JOIN "
    "(SELECT grp, cxm_wacc_agg(rating, weight, scale) AS s FROM responses WHERE seq % 2 = 0 "
    "GROUP BY grp) e ON e.grp = t.grp) r",
]
POSTGRESQL = {"text": "s::text", "hex": "encode(s::bytea, 'hex')", "minus": "t.s - e.s"}
SQLITE = {"text": "cxm_text(s)", "hex": "lower(hex(s))", "minus": "cxm_subtract(t.s, e.s)"}


def in_postgresql(rows, queries):
    script = ["\\set ON_ERROR_STOP 1", "\\pset format unaligned", "\\pset tuples_only on",
              "\\pset fieldsep '|'", "SET client_min_messages = warning;",
              "CREATE TEMP TABLE responses (grp int, seq int, scale text, rating int, weight bigint);",
              "COPY responses FROM STDIN;"]
    script += ["\t".join("\\N" if v is None else str(v) for v in row) for row in rows]
    script.append("\\.")
    script += [q + ";" for q in queries]
    run = subprocess.run(["psql", "-X", "-q"], input="\n".join(script) + "\n",
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"psql failed ({run.returncode}):\n{run.stderr}")
    return [tuple(line.split("|")) for line in run.stdout.splitlines() if line]


def in_sqlite(shell, module, rows, queries):
    script = [f".load {module}", ".mode list", ".separator |", ".nullvalue ''", ".bail on",
              "CREATE TABLE responses (grp INTEGER, seq INTEGER, scale TEXT, rating INTEGER, "
              "weight INTEGER);", "BEGIN;"]
    script += ["INSERT INTO responses VALUES ({}, {}, '{}', {}, {});".format(
        *("NULL" if v is None else v for v in row)) for row in rows]
    script += ["COMMIT;"] + [q + ";" for q in queries]
    run = subprocess.run([shell, "-batch", ":memory:"], input="\n".join(script) + "\n",
                         capture_output=True, text=True)
    if run.returncode != 0 or run.stderr:
        sys.exit(f"{shell} failed ({run.returncode}):\n{run.stderr}")
    return [tuple(line.split("|")) for line in run.stdout.splitlines() if line]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", required=True, help="the SQLite extension, PATH/cxmetrics")
    parser.add_argument("--shell", default="sqlite3", help="the sqlite3 shell")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--groups", type=int, default=400)
    args = parser.parse_args()

    rows = responses(args.seed, args.groups)
    pg = {r[:3]: r[3:] for r in in_postgresql(rows, [q.format(**POSTGRESQL) for q in QUESTIONS])}
    lite = {r[:3]: r[3:] for r in in_sqlite(args.shell, args.module, rows, [q.format(**SQLITE) for q in QUESTIONS])}

    differences = sorted(set(pg) ^ set(lite)) + sorted(k for k in pg if k in lite and pg[k] != lite[k])
    for key in differences[:10]:
        print(f"DIFFERENT {key}: PostgreSQL {pg.get(key)!r}, library {lite.get(key)!r}")
    # The check means something only if the carries happened: a state whose
    # sum of squares passed 2^64, windows that removed rows, every question.
    squares = [int(cell.split("/")[2]) for text, _ in pg.values() if text
               for cell in text[text.index("[") + 1:-1].split(",") if cell]
    tags = {key[0] for key in pg}
    carried = sum(q >= 2**64 for q in squares)
    print(f"{len(rows)} responses in {args.groups} groups (seed {args.seed}): {len(pg)} states "
          f"({', '.join(f'{t} {sum(k[0] == t for k in pg)}' for t in sorted(tags))}), "
          f"{carried} sums of squares past 2^64, {len(differences)} different")
    if carried == 0 or tags != {"total", "window", "merged", "rest"}:
        print("FAIL: the responses did not reach what this check is for")
        return 1
    if differences:
        print(f"FAIL: rerun with --seed {args.seed}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
