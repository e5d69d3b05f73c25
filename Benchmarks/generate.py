#!/usr/bin/env python3
"""Generates the coherence-bench workload: Souffle-style fact files
(DIR/<relation>.facts, tab-separated, no header) for N resolutions.

Usage: Benchmarks/generate.py N DIR [SEED]   (SEED defaults to 1)
The same N and SEED always give the same files, byte for byte.
"""
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def catalogue():
    """The 169 official targets with their goals, and the 20 principle ids, from Rules/."""
    with open(os.path.join(ROOT, "Rules", "sdg", "goals.lumen")) as handle:
        targets = re.findall(r"^\s+target (\d+)\.([0-9a-z]+) ", handle.read(), flags=re.M)
    principles = []
    folder = os.path.join(ROOT, "Rules", "principles")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name)) as handle:
            principles += re.findall(r"^principle ([a-z-]+) ", handle.read(), flags=re.M)
    return [("%s.%s" % (goal, rest), int(goal)) for goal, rest in targets], sorted(principles)


def generate(n, seed):
    rng = random.Random(seed)
    targets, principles = catalogue()
    assert len(targets) == 169 and len(principles) == 20
    by_goal = {}
    for target, goal in targets:
        by_goal.setdefault(goal, []).append(target)
    ids = [target for target, _ in targets]
    rows = {name: [] for name in [
        "goal_id", "target_of", "principle_id", "impact", "resolution_id", "scope_of", "parent",
        "measure_of", "advance", "undermine", "restrict", "justify", "has_indicator"]}
    rows["goal_id"] = [(goal,) for goal in range(1, 18)]
    rows["target_of"] = [(target, goal) for target, goal in targets]
    rows["principle_id"] = [(principle,) for principle in principles]
    pairs = set()
    while len(pairs) < 3000:
        a, b = rng.choice(ids), rng.choice(ids)
        if a != b:
            pairs.add((a, b))
    rows["impact"] = [(a, b, rng.choice([-3, -2, -1, 1, 2, 3])) for a, b in sorted(pairs)]
    measure = 0
    for index in range(n):
        resolution = "r%d" % index
        rows["resolution_id"].append((resolution,))
        scope = rng.sample(range(1, 18), rng.randint(1, 3))
        rows["scope_of"] += [(resolution, goal) for goal in scope]
        if index > 0 and rng.random() < 0.10:
            rows["parent"].append((resolution, "r%d" % rng.randrange(index)))
        in_scope = [target for goal in scope for target in by_goal[goal]]
        for _ in range(rng.randint(20, 80)):
            name = "m%d" % measure
            measure += 1
            rows["measure_of"].append((name, resolution))
            if rng.random() >= 0.02:
                chosen = set()
                for _ in range(rng.randint(1, 3)):
                    chosen.add(rng.choice(in_scope) if rng.random() < 0.7 else rng.choice(ids))
                rows["advance"] += [(name, target) for target in sorted(chosen)]
            if rng.random() < 0.10:
                rows["undermine"].append((name, rng.choice(ids)))
            if rng.random() < 0.05:
                principle = rng.choice(principles)
                rows["restrict"].append((name, principle))
                if rng.random() < 0.5:
                    rows["justify"].append((name, principle))
            if rng.random() < 0.80:
                rows["has_indicator"].append((name,))
    return rows, measure


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    n, directory = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rows, measures = generate(n, seed)
    os.makedirs(directory, exist_ok=True)
    for name, tuples in rows.items():
        with open(os.path.join(directory, name + ".facts"), "w") as handle:
            handle.writelines("\t".join(str(value) for value in row) + "\n" for row in tuples)
    print("%d resolutions, %d measures, %d facts in %s" % (n, measures, sum(map(len, rows.values())), directory))


if __name__ == "__main__":
    main()
