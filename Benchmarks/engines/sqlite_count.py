#!/usr/bin/env python3
"""coherence-bench in SQLite, through the sqlite3 command-line shell (C all the
way: `.import` loads the files, no Python touches a row): an in-memory database,
indexes on every join column made after loading, ANALYZE, then one count per
derived relation, printed as `relation<TAB>count` sorted by name.
Usage: sqlite_count.py DIR"""
import os
import subprocess
import sys

# Columns and the indexes the joins below can use.
TABLES = {
    "goal_id": ("g INTEGER", []), "target_of": ("t TEXT, g INTEGER", ["g"]), "principle_id": ("p TEXT", []),
    "impact": ("t1 TEXT, t2 TEXT, s INTEGER", ["t1, t2"]), "resolution_id": ("r TEXT", []),
    "scope_of": ("r TEXT, g INTEGER", []), "parent": ("r TEXT, rp TEXT", []),
    "measure_of": ("m TEXT, r TEXT", ["m", "r"]), "advance": ("m TEXT, t TEXT", ["m", "t"]),
    "undermine": ("m TEXT, t TEXT", ["m", "t"]), "restrict": ("m TEXT, p TEXT", []),
    "justify": ("m TEXT, p TEXT", ["m, p"]), "has_indicator": ("m TEXT", ["m"]),
}
QUERIES = {
    "direct_conflict": """SELECT DISTINCT a.r, a.m, b.m, ad.t FROM measure_of a JOIN measure_of b ON a.r = b.r
        JOIN advance ad ON ad.m = a.m JOIN undermine u ON u.m = b.m AND u.t = ad.t WHERE a.m <> b.m""",
    "tension": """SELECT DISTINCT a.r, a.m, b.m, x.t, y.t FROM measure_of a JOIN measure_of b ON a.r = b.r AND a.m <> b.m
        JOIN advance x ON x.m = a.m JOIN advance y ON y.m = b.m JOIN impact i ON i.t1 = x.t AND i.t2 = y.t
        WHERE i.s <= -2""",
    "reach": "SELECT * FROM reach",
    "indirect": "SELECT DISTINCT r.t1, i.t2 FROM reach r JOIN impact i ON i.t1 = r.t2 WHERE i.s <= -2",
    "covered": "SELECT * FROM covered",
    "scope_gap": """SELECT DISTINCT s.r, t.t FROM scope_of s JOIN target_of t ON t.g = s.g
        WHERE NOT EXISTS (SELECT 1 FROM covered c WHERE c.r = s.r AND c.t = t.t)""",
    "has_advance": "SELECT * FROM has_advance",
    "orphan": "SELECT DISTINCT m FROM measure_of WHERE m NOT IN (SELECT m FROM has_advance)",
    "unjustified": "SELECT m, p FROM restrict EXCEPT SELECT m, p FROM justify",
    "unmeasurable": """SELECT DISTINCT mo.m FROM measure_of mo JOIN has_advance h ON h.m = mo.m
        WHERE mo.m NOT IN (SELECT m FROM has_indicator)""",
    "vertical_conflict": """SELECT DISTINCT p.r, p.rp, n.m, u.t FROM parent p JOIN measure_of n ON n.r = p.r
        JOIN undermine u ON u.m = n.m JOIN measure_of m ON m.r = p.rp JOIN advance a ON a.m = m.m AND a.t = u.t""",
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
    lines.append("""CREATE TABLE reach AS WITH RECURSIVE r(t1, t2) AS (
        SELECT t1, t2 FROM impact WHERE s >= 2
        UNION SELECT r.t1, i.t2 FROM r JOIN impact i ON i.t1 = r.t2 WHERE i.s >= 2) SELECT * FROM r;""")
    lines.append("CREATE TABLE covered AS SELECT DISTINCT mo.r, a.t FROM measure_of mo JOIN advance a ON a.m = mo.m;")
    lines.append("CREATE INDEX covered_0 ON covered (r, t);")
    lines.append("CREATE TABLE has_advance AS SELECT DISTINCT m FROM advance;")
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
