#!/usr/bin/env python3
"""coherence-bench in CLIPS 6.3 (the `clips` program of Debian's package): writes
DIR/*.facts as CLIPS facts, then one batch run loads them and the rules, runs,
and prints `relation<TAB>count` for each derived relation, sorted by name.
Usage: clips_count.py DIR

Symbol fields become strings ("8.10" would otherwise be read as the number 8.1);
the integer columns stay numbers. Facts are sets (CLIPS refuses a duplicate
fact). The rules keep the issue's literal order; those with a negation of a
derived relation have a lower salience, so that they fire only once every
relation they negate is complete (stratification)."""
import os
import subprocess
import sys
import tempfile

INTEGERS = {"goal_id": [0], "target_of": [1], "impact": [2], "scope_of": [1]}
RULES = """
(defrule direct_conflict (declare (salience 10))
  (measure_of ?m ?r) (measure_of ?n ?r) (advance ?m ?t) (undermine ?n ?t) (test (neq ?m ?n))
  => (assert (direct_conflict ?r ?m ?n ?t)))
(defrule tension (declare (salience 10))
  (measure_of ?m ?r) (measure_of ?n ?r) (test (neq ?m ?n)) (advance ?m ?t1) (advance ?n ?t2)
  (impact ?t1 ?t2 ?s&:(<= ?s -2))
  => (assert (tension ?r ?m ?n ?t1 ?t2)))
(defrule reach-first (declare (salience 10))
  (impact ?t1 ?t2 ?s&:(>= ?s 2)) => (assert (reach ?t1 ?t2)))
(defrule reach-next (declare (salience 10))
  (reach ?t1 ?t2) (impact ?t2 ?t3 ?s&:(>= ?s 2)) => (assert (reach ?t1 ?t3)))
(defrule indirect (declare (salience 10))
  (reach ?t1 ?t2) (impact ?t2 ?t3 ?s&:(<= ?s -2)) => (assert (indirect ?t1 ?t3)))
(defrule covered (declare (salience 10))
  (measure_of ?m ?r) (advance ?m ?t) => (assert (covered ?r ?t)))
(defrule has_advance (declare (salience 10))
  (advance ?m ?) => (assert (has_advance ?m)))
(defrule unjustified (declare (salience 10))
  (restrict ?m ?p) (not (justify ?m ?p)) => (assert (unjustified ?m ?p)))
(defrule vertical_conflict (declare (salience 10))
  (parent ?r ?rp) (measure_of ?n ?r) (undermine ?n ?t) (measure_of ?m ?rp) (advance ?m ?t)
  => (assert (vertical_conflict ?r ?rp ?n ?t)))
(defrule scope_gap
  (scope_of ?r ?g) (target_of ?t ?g) (not (covered ?r ?t)) => (assert (scope_gap ?r ?t)))
(defrule orphan
  (measure_of ?m ?) (not (has_advance ?m)) => (assert (orphan ?m)))
(defrule unmeasurable
  (measure_of ?m ?) (has_advance ?m) (not (has_indicator ?m)) => (assert (unmeasurable ?m)))
"""
DERIVED = ["covered", "direct_conflict", "has_advance", "indirect", "orphan", "reach", "scope_gap", "tension",
           "unjustified", "unmeasurable", "vertical_conflict"]


def main():
    directory = sys.argv[1]
    with tempfile.TemporaryDirectory() as scratch:
        facts = os.path.join(scratch, "facts.clp")
        with open(facts, "w") as out:
            for name in sorted(os.listdir(directory)):
                if not name.endswith(".facts"):
                    continue
                relation = name[: -len(".facts")]
                integers = INTEGERS.get(relation, [])
                with open(os.path.join(directory, name)) as handle:
                    for line in handle:
                        fields = line.rstrip("\n").split("\t")
                        out.write("(%s %s)\n" % (relation, " ".join(
                            field if column in integers else '"%s"' % field for column, field in enumerate(fields))))
        rules = os.path.join(scratch, "rules.clp")
        with open(rules, "w") as out:
            out.write(RULES)
        script = os.path.join(scratch, "run.clp")
        with open(script, "w") as out:
            out.write('(load* "%s")\n(load-facts "%s")\n(run)\n' % (rules, facts))
            for relation in DERIVED:
                out.write('(printout t "%s" tab (length$ (find-all-facts ((?f %s)) TRUE)) crlf)\n' % (relation, relation))
            out.write("(exit)\n")
        result = subprocess.run(["clips", "-f2", script], capture_output=True, text=True)
    # CLIPS reports errors on standard output, each starting with its code in brackets ("[PRNTUTIL1] ...").
    if result.returncode != 0 or result.stderr or "[" in result.stdout:
        sys.exit("clips failed:\n" + result.stdout[-2000:] + result.stderr[-2000:])
    sys.stdout.write(result.stdout)


if __name__ == "__main__":
    main()
