#!/usr/bin/env python3
"""coherence-bench in DuckDB (2 threads): reads DIR/*.facts, prints
`relation<TAB>count` for each derived relation, sorted by name.
Usage: duckdb_count.py DIR"""
import os
import sys

import duckdb

COLUMNS = {
    "goal_id": "g INTEGER", "target_of": "t VARCHAR, g INTEGER", "principle_id": "p VARCHAR",
    "impact": "t1 VARCHAR, t2 VARCHAR, s INTEGER", "resolution_id": "r VARCHAR", "scope_of": "r VARCHAR, g INTEGER",
    "parent": "r VARCHAR, rp VARCHAR", "measure_of": "m VARCHAR, r VARCHAR", "advance": "m VARCHAR, t VARCHAR",
    "undermine": "m VARCHAR, t VARCHAR", "restrict": "m VARCHAR, p VARCHAR", "justify": "m VARCHAR, p VARCHAR",
    "has_indicator": "m VARCHAR",
}
QUERIES = {
    "direct_conflict": """SELECT DISTINCT a.r, a.m, b.m, ad.t FROM measure_of a JOIN measure_of b ON a.r = b.r
        JOIN advance ad ON ad.m = a.m JOIN undermine u ON u.m = b.m AND u.t = ad.t WHERE a.m <> b.m""",
    "tension": """SELECT DISTINCT a.r, a.m, b.m, x.t, y.t FROM measure_of a JOIN measure_of b ON a.r = b.r AND a.m <> b.m
        JOIN advance x ON x.m = a.m JOIN advance y ON y.m = b.m JOIN impact i ON i.t1 = x.t AND i.t2 = y.t WHERE i.s <= -2""",
    "reach": "SELECT * FROM reach",
    "indirect": "SELECT DISTINCT r.t1, i.t2 FROM reach r JOIN impact i ON i.t1 = r.t2 WHERE i.s <= -2",
    "covered": "SELECT * FROM covered",
    "scope_gap": """SELECT DISTINCT s.r, t.t FROM scope_of s JOIN target_of t ON t.g = s.g
        WHERE NOT EXISTS (SELECT 1 FROM covered c WHERE c.r = s.r AND c.t = t.t)""",
    "has_advance": "SELECT * FROM has_advance",
    "orphan": "SELECT DISTINCT m FROM measure_of WHERE m NOT IN (SELECT m FROM has_advance)",
    "unjustified": "SELECT DISTINCT m, p FROM restrict EXCEPT SELECT m, p FROM justify",
    "unmeasurable": """SELECT DISTINCT mo.m FROM measure_of mo JOIN has_advance h ON h.m = mo.m
        WHERE mo.m NOT IN (SELECT m FROM has_indicator)""",
    "vertical_conflict": """SELECT DISTINCT p.r, p.rp, n.m, u.t FROM parent p JOIN measure_of n ON n.r = p.r
        JOIN undermine u ON u.m = n.m JOIN measure_of m ON m.r = p.rp JOIN advance a ON a.m = m.m AND a.t = u.t""",
}


def main():
    directory = sys.argv[1]
    connection = duckdb.connect()
    connection.execute("SET threads TO 2")
    for name, columns in COLUMNS.items():
        connection.execute("CREATE TABLE %s (%s)" % (name, columns))
        path = os.path.join(directory, name + ".facts")
        if os.path.getsize(path) > 0:
            connection.execute(
                "INSERT INTO %s SELECT * FROM read_csv('%s', delim='\t', header=false, columns={%s})" % (
                    name, path, ", ".join("'%s': '%s'" % tuple(c.split(" ")) for c in columns.split(", "))))
    connection.execute("""CREATE TABLE reach AS WITH RECURSIVE r(t1, t2) AS (
        SELECT t1, t2 FROM impact WHERE s >= 2
        UNION SELECT r.t1, i.t2 FROM r JOIN impact i ON i.t1 = r.t2 WHERE i.s >= 2) SELECT * FROM r""")
    connection.execute("CREATE TABLE covered AS SELECT DISTINCT mo.r, a.t FROM measure_of mo JOIN advance a ON a.m = mo.m")
    connection.execute("CREATE TABLE has_advance AS SELECT DISTINCT m FROM advance")
    for name in sorted(QUERIES):
        count = connection.execute("SELECT count(*) FROM (%s)" % QUERIES[name]).fetchone()[0]
        print("%s\t%d" % (name, count))


if __name__ == "__main__":
    main()
