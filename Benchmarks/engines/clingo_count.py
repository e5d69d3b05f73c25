#!/usr/bin/env python3
"""coherence-bench in clingo: reads DIR/*.facts, prints `relation<TAB>count`
for each derived relation, sorted by name. Usage: clingo_count.py DIR"""
import os
import sys

import clingo

RULES = """
direct_conflict(R,M,N,T) :- measure_of(M,R), measure_of(N,R), advance(M,T), undermine(N,T), M != N.
tension(R,M,N,T1,T2) :- measure_of(M,R), measure_of(N,R), M != N, advance(M,T1), advance(N,T2), impact(T1,T2,S), S <= -2.
reach(T1,T2) :- impact(T1,T2,S), S >= 2.
reach(T1,T3) :- reach(T1,T2), impact(T2,T3,S), S >= 2.
indirect(T1,T3) :- reach(T1,T2), impact(T2,T3,S), S <= -2.
covered(R,T) :- measure_of(M,R), advance(M,T).
scope_gap(R,T) :- scope_of(R,G), target_of(T,G), not covered(R,T).
has_advance(M) :- advance(M,_).
orphan(M) :- measure_of(M,_), not has_advance(M).
unjustified(M,P) :- restrict(M,P), not justify(M,P).
unmeasurable(M) :- measure_of(M,_), has_advance(M), not has_indicator(M).
vertical_conflict(R,Rp,N,T) :- parent(R,Rp), measure_of(N,R), undermine(N,T), measure_of(M,Rp), advance(M,T).
"""
DERIVED = ["covered", "direct_conflict", "has_advance", "indirect", "orphan", "reach", "scope_gap", "tension",
           "unjustified", "unmeasurable", "vertical_conflict"]


def term(value):
    try:
        return str(int(value))
    except ValueError:
        return '"%s"' % value


def main():
    directory = sys.argv[1]
    parts = [RULES]
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".facts"):
            continue
        relation = name[: -len(".facts")]
        with open(os.path.join(directory, name)) as handle:
            parts.extend("%s(%s).\n" % (relation, ",".join(term(v) for v in line.rstrip("\n").split("\t")))
                         for line in handle if line.strip())
    control = clingo.Control(["--warn=none"])
    control.add("base", [], "".join(parts))
    control.ground([("base", [])])
    counts = dict.fromkeys(DERIVED, 0)
    def on_model(model):
        for symbol in model.symbols(atoms=True):
            if symbol.name in counts:
                counts[symbol.name] += 1
    control.solve(on_model=on_model)
    for name in DERIVED:
        print("%s\t%d" % (name, counts[name]))


if __name__ == "__main__":
    main()
