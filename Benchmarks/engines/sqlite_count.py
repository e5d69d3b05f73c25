#!/usr/bin/env python3
"""coherence-bench in SQLite, through the sqlite3 command-line shell (C all the
way: `.import` loads the files, no Python touches a row): an in-memory database,
indexes on every join column made after loading, ANALYZE, then one count per
derived relation, printed as `relation<TAB>count` sorted by name.
Usage: sqlite_count.py DIR"""
import os
import subprocess
import sys

from coherence_sql import QUERIES, TABLES_AHEAD

# Columns, and the indexes that the joins of coherence_sql.py can use.
TABLES = {
    "goal_id": ("g INTEGER", []), "target_of": ("t TEXT, g INTEGER", ["g"]), "principle_id": ("p TEXT", []),
    "impact": ("t1 TEXT, t2 TEXT, s INTEGER", ["t1, t2"]), "resolution_id": ("r TEXT", []),
    "scope_of": ("r TEXT, g INTEGER", []), "parent": ("r TEXT, rp TEXT", []),
    "measure_of": ("m TEXT, r TEXT", ["m", "r"]), "advance": ("m TEXT, t TEXT", ["m", "t"]),
    "undermine": ("m TEXT, t TEXT", ["m", "t"]), "restrict": ("m TEXT, p TEXT", []),
    "justify": ("m TEXT, p TEXT", ["m, p"]), "has_indicator": ("m TEXT", ["m"]),
}


def script(directory):
    lines = [".output /dev/null", "PRAGMA journal_mode = OFF;", "PRAGMA synchronous = OFF;", "PRAGMA temp_store = MEMORY;",
             "PRAGMA cache_size = -4000000;", ".output", ".mode tabs"]
    for name, (columns, _) in TABLES.items():
        lines.append("CREATE TABLE %s (%s);" % (name, columns))
        path = os.path.join(directory, name + ".facts")
        if os.path.getsize(path) > 0:
            lines.append(".import '%s' %s" % (path, name))
    for name, (_, indexes) in TABLES.items():
        for number, columns in enumerate(indexes):
            lines.append("CREATE INDEX %s_%d ON %s (%s);" % (name, number, name, columns))
    lines.extend(statement + ";" for statement in TABLES_AHEAD)
    lines.append("CREATE INDEX covered_0 ON covered (r, t);")
    lines.append("CREATE INDEX has_advance_0 ON has_advance (m);")
    lines.append("CREATE INDEX reach_0 ON reach (t2);")
    lines.append("ANALYZE;")
    for name in sorted(QUERIES):
        lines.append("SELECT '%s', count(*) FROM (%s);" % (name, QUERIES[name]))
    return "\n".join(lines) + "\n"


def main():
    result = subprocess.run(["sqlite3", ":memory:"], input=script(sys.argv[1]), capture_output=True, text=True)
    if result.returncode != 0 or result.stderr:
        sys.exit("sqlite3 failed:\n" + result.stderr)
    sys.stdout.write(result.stdout)


if __name__ == "__main__":
    main()
