#!/usr/bin/env python3
"""coherence-bench in DuckDB (2 threads): reads DIR/*.facts, prints
`relation<TAB>count` for each derived relation, sorted by name.
Usage: duckdb_count.py DIR"""
import os
import sys

import duckdb

from coherence_sql import QUERIES, TABLES_AHEAD

COLUMNS = {
    "goal_id": "g INTEGER", "target_of": "t VARCHAR, g INTEGER", "principle_id": "p VARCHAR",
    "impact": "t1 VARCHAR, t2 VARCHAR, s INTEGER", "resolution_id": "r VARCHAR", "scope_of": "r VARCHAR, g INTEGER",
    "parent": "r VARCHAR, rp VARCHAR", "measure_of": "m VARCHAR, r VARCHAR", "advance": "m VARCHAR, t VARCHAR",
    "undermine": "m VARCHAR, t VARCHAR", "restrict": "m VARCHAR, p VARCHAR", "justify": "m VARCHAR, p VARCHAR",
    "has_indicator": "m VARCHAR",
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
    for statement in TABLES_AHEAD:
        connection.execute(statement)
    for name in sorted(QUERIES):
        count = connection.execute("SELECT count(*) FROM (%s)" % QUERIES[name]).fetchone()[0]
        print("%s\t%d" % (name, count))


if __name__ == "__main__":
    main()
