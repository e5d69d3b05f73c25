"""The coherence-bench rules in SQL, shared by duckdb_count.py and sqlite_count.py:
the tables made before counting (the recursive `reach`, and `covered` and
`has_advance`, which negations read), then one query per derived relation."""

TABLES_AHEAD = [
    """CREATE TABLE reach AS WITH RECURSIVE r(t1, t2) AS (
        SELECT t1, t2 FROM impact WHERE s >= 2
        UNION SELECT r.t1, i.t2 FROM r JOIN impact i ON i.t1 = r.t2 WHERE i.s >= 2) SELECT * FROM r""",
    "CREATE TABLE covered AS SELECT DISTINCT mo.r, a.t FROM measure_of mo JOIN advance a ON a.m = mo.m",
    "CREATE TABLE has_advance AS SELECT DISTINCT m FROM advance",
]
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
