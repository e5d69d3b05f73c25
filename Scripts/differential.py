#!/usr/bin/env python3
"""Differential testing of Lumen's engine against clingo.

Generates random stratified Datalog programs with facts (recursion, negation of
lower strata, comparisons, constants, wildcards, and an aggregate over the rest:
`count`, `sum`, `min` or `max`, written for clingo as `#count`, `#sum`, `#min`
and `#max` over every match of the body), evaluates each with
`lumen eval --no-stdlib` and with clingo (whose unique stable model of a
stratified program is its Datalog model), and compares every relation.

Usage: Scripts/differential.py [PROGRAMS] [SEED]   (defaults: 1000, 1)
Installs clingo with pip into .build/differential-venv on first use. A
disagreement is saved to differential-out/ and the script exits 1.
"""
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".build", "differential-venv")


def ensure_clingo():
    """Re-runs this script inside a virtual environment that has clingo."""
    python = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "clingo"], check=True)
    os.execv(python, [python] + sys.argv)


def generate(rng):
    """A random stratified program: (Lumen text, clingo text, relation names)."""
    domain = list(range(rng.randint(2, 6)))
    edb = [("e%d" % i, rng.randint(1, 3)) for i in range(rng.randint(1, 3))]
    idb = [("p%d" % i, rng.randint(1, 3)) for i in range(rng.randint(1, 4))]
    facts, rules = [], []
    for name, arity in edb:
        for _ in range(rng.randint(0, 12)):
            facts.append("%s(%s)." % (name, ", ".join(str(rng.choice(domain)) for _ in range(arity))))
    variables = ["A", "B", "C", "D"]
    for level, (head, arity) in enumerate(idb):
        for _ in range(rng.randint(1, 3)):
            # Positive premises: facts, lower strata, and this relation (recursion).
            positive_choices = edb + idb[: level + 1]
            body, bound = [], []
            for index in range(rng.randint(1, 3)):
                name, n = rng.choice(positive_choices)
                if index == 0 and name == head:
                    name, n = rng.choice(edb + idb[:level]) if (edb + idb[:level]) else (name, n)
                terms = []
                for _ in range(n):
                    roll = rng.random()
                    if roll < 0.15:
                        terms.append(str(rng.choice(domain)))
                    elif roll < 0.22:
                        terms.append("_")
                    else:
                        variable = rng.choice(variables)
                        terms.append(variable)
                        if variable not in bound:
                            bound.append(variable)
                body.append("%s(%s)" % (name, ", ".join(terms)))
            if not bound:
                continue
            # Negation of facts or lower strata only, over bound variables.
            negatable = edb + idb[:level]
            if negatable and rng.random() < 0.5:
                name, n = rng.choice(negatable)
                terms = [rng.choice(bound + ["_", str(rng.choice(domain))]) for _ in range(n)]
                body.append("not %s(%s)" % (name, ", ".join(terms)))
            if rng.random() < 0.4:
                left = rng.choice(bound)
                right = rng.choice(bound + [str(rng.choice(domain))])
                body.append("%s %s %s" % (left, rng.choice(["<", "<=", ">", ">=", "!=", "="]), right))
            head_terms = [rng.choice(bound) if rng.random() < 0.9 else str(rng.choice(domain)) for _ in range(arity)]
            rules.append("%s(%s) :- %s." % (head, ", ".join(head_terms), ", ".join(body)))
    declarations = ["relation %s(%s)" % (name, ", ".join(["integer"] * n)) for name, n in edb + idb]
    clingo_rules = list(rules)
    aggregated = []
    if rng.random() < 0.7:
        lumen_rule, clingo_lines, arity = aggregate(rng, edb + idb, domain)
        if lumen_rule:
            rules.append(lumen_rule)
            clingo_rules += clingo_lines
            declarations.append("relation q0(%s)" % ", ".join(["integer"] * arity))
            aggregated.append(("q0", arity))
    lumen = "\n".join(declarations + facts + rules) + "\n"
    clingo_text = "\n".join(facts + clingo_rules) + "\n"
    relations = edb + idb + aggregated
    return lumen, clingo_text, [name for name, _ in relations], {name: n for name, n in relations}


def aggregate(rng, relations, domain):
    """An aggregate over complete relations, in Lumen and in clingo. Lumen folds every
    match of the body (each combination of facts once); clingo's aggregate elements
    are sets of tuples, so each `_` of a positive literal becomes a variable of its own
    and every variable of the body goes into the tuple."""
    body, clingo_body, bound, fresh = [], [], [], []
    for _ in range(rng.randint(1, 2)):
        name, n = rng.choice(relations)
        terms, clingo_terms = [], []
        for _ in range(n):
            roll = rng.random()
            if roll < 0.2:
                terms.append("_")
                fresh.append("W%d" % len(fresh))
                clingo_terms.append(fresh[-1])
            elif roll < 0.3:
                value = str(rng.choice(domain))
                terms.append(value)
                clingo_terms.append(value)
            else:
                variable = rng.choice(["A", "B", "C"])
                terms.append(variable)
                clingo_terms.append(variable)
                if variable not in bound:
                    bound.append(variable)
        body.append("%s(%s)" % (name, ", ".join(terms)))
        clingo_body.append("%s(%s)" % (name, ", ".join(clingo_terms)))
    if not bound:
        return None, [], 0
    if rng.random() < 0.3:
        name, n = rng.choice(relations)
        negated = "not %s(%s)" % (name, ", ".join(rng.choice(bound + ["_"]) for _ in range(n)))
        body.append(negated)
        clingo_body.append(negated)
    if rng.random() < 0.4:
        comparison = "%s %s %s" % (rng.choice(bound), rng.choice(["<", ">=", "!="]), rng.choice(domain))
        body.append(comparison)
        clingo_body.append(comparison)
    kind = rng.choice(["count", "sum", "min", "max"])
    value = rng.choice(bound)
    group = [rng.choice(bound)] if rng.random() < 0.7 else []
    head = group + ["count" if kind == "count" else "%s %s" % (kind, value)]
    lumen_rule = "q0(%s) :- %s." % (", ".join(head), ", ".join(body))
    elements = ", ".join(bound + fresh)
    weight = "1" if kind == "count" else value
    condition = ", ".join(clingo_body)
    clingo_lines = [
        "q0_group(%s) :- %s." % (", ".join(group), condition) if group else "q0_group :- %s." % condition,
        "q0(%s) :- %s, S = #%s { %s, %s : %s }."
        % (", ".join(group + ["S"]), "q0_group(%s)" % ", ".join(group) if group else "q0_group", kind,
           weight, elements, condition),
    ]
    return lumen_rule, clingo_lines, len(head)


def clingo_model(text, arities):
    import clingo

    control = clingo.Control(["--warn=none"])
    control.add("base", [], text)
    control.ground([("base", [])])
    models = []
    control.solve(on_model=lambda model: models.append(model.symbols(atoms=True)))
    if len(models) != 1:
        raise RuntimeError("clingo found %d models" % len(models))
    rows = set()
    for symbol in models[0]:
        if symbol.name in arities and len(symbol.arguments) == arities[symbol.name]:
            rows.add((symbol.name,) + tuple(str(argument.number) for argument in symbol.arguments))
    return rows


def lumen_model(lumen, path):
    with open(path, "w") as handle:
        handle.write(lumen)
    result = subprocess.run([LUMEN, "eval", "--no-stdlib", path], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("lumen eval exited %d:\n%s" % (result.returncode, result.stderr))
    return {tuple(line.split("\t")) for line in result.stdout.splitlines() if line}


def main():
    ensure_clingo()
    programs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    compared = tuples = rules = 0
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "program.lumen")
        for number in range(programs):
            lumen, clingo_text, _, arities = generate(rng)
            expected = clingo_model(clingo_text, arities)
            try:
                actual = lumen_model(lumen, path)
            except RuntimeError as error:
                actual = error
            if actual != expected:
                os.makedirs(os.path.join(ROOT, "differential-out"), exist_ok=True)
                saved = os.path.join(ROOT, "differential-out", "program-%d-%d.lumen" % (seed, number))
                with open(saved, "w") as handle:
                    handle.write(lumen)
                print("DISAGREEMENT on program %d (saved to %s)" % (number, saved))
                if isinstance(actual, RuntimeError):
                    print(actual)
                else:
                    print("only in lumen:", sorted(actual - expected)[:20])
                    print("only in clingo:", sorted(expected - actual)[:20])
                sys.exit(1)
            compared += 1
            tuples += len(expected)
            rules += clingo_text.count(":-")
    print("%d programs (%d rules, %d tuples in their models): Lumen and clingo agree on every one (seed %d)"
          % (compared, rules, tuples, seed))


LUMEN = os.environ.get("LUMEN") or os.path.join(ROOT, ".build", "release", "lumen")

if __name__ == "__main__":
    main()
