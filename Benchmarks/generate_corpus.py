#!/usr/bin/env python3
"""Generates a corpus of drafts for `lumen audit` at scale: N resolutions as
`.lumen` files (one per resolution, 100 to a directory), with the proportions of
the coherence-bench workload (generate.py): 20-80 measures each, 1-3 targets
advanced (70% from the scope's goals, 2% of measures advance nothing),
10% undermining a target, 5% restricting a principle (half of them justified),
80% naming an indicator of a target they advance; 10% of resolutions implement
an earlier one. The first file turns on the optional pack of published
interactions (interactions-sweden), so that trade-offs are found as well.

Usage: Benchmarks/generate_corpus.py N DIR [SEED]   (SEED defaults to 1)
The same N and SEED always give the same files, byte for byte.
"""
import os
import random
import re
import sys

from generate import catalogue, ROOT


def indicators():
    """Indicator ids by target, from Rules/sdg/goals.lumen."""
    with open(os.path.join(ROOT, "Rules", "sdg", "goals.lumen")) as handle:
        ids = re.findall(r"^\s+indicator (\d+\.[0-9a-z]+)\.(\d+) ", handle.read(), flags=re.M)
    found = {}
    for target, number in ids:
        found.setdefault(target, []).append("%s.%s" % (target, number))
    return found


def generate(n, directory, seed):
    rng = random.Random(seed)
    targets, principles = catalogue()
    by_goal = {}
    for target, goal in targets:
        by_goal.setdefault(goal, []).append(target)
    ids = [target for target, _ in targets]
    measured = indicators()
    total = 0
    for index in range(n):
        scope = sorted(rng.sample(range(1, 18), rng.randint(1, 3)))
        parent = rng.randrange(index) if index > 0 and rng.random() < 0.10 else None
        # The first file turns on the published interactions, so that trade-offs are found too.
        lines = ["use pack interactions-sweden", ""] if index == 0 else []
        lines.append('resolution r%d "Resolution %d" {' % (index, index))
        lines.append("  level %s" % ("local" if parent is not None else "national"))
        if parent is not None:
            lines.append("  implements r%d" % parent)
        lines.append("  scope " + ", ".join(str(goal) for goal in scope))
        in_scope = [target for goal in scope for target in by_goal[goal]]
        for _ in range(rng.randint(20, 80)):
            lines.append("")
            lines.append('  measure m%d "Measure %d of resolution %d" {' % (total, total, index))
            advanced = []
            if rng.random() >= 0.02:
                while len(advanced) < rng.randint(1, 3) or not advanced:
                    target = rng.choice(in_scope) if rng.random() < 0.70 else rng.choice(ids)
                    if target not in advanced:
                        advanced.append(target)
                lines.append("    advances " + ", ".join(advanced))
            if rng.random() < 0.10:
                lines.append("    undermines " + rng.choice(ids))
            if rng.random() < 0.05:
                principle = rng.choice(principles)
                if rng.random() < 0.5:
                    lines.append('    restricts %s justified "necessary and proportionate"' % principle)
                else:
                    lines.append("    restricts " + principle)
            if advanced and rng.random() < 0.80:
                options = [i for target in advanced for i in measured.get(target, [])]
                if options:
                    lines.append("    indicator " + rng.choice(options))
            lines.append("  }")
            total += 1
        lines.append("}")
        folder = os.path.join(directory, "part%03d" % (index // 100))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "r%d.lumen" % index), "w") as handle:
            handle.write("\n".join(lines) + "\n")
    return total


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    count = generate(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 1)
    print("%s resolutions, %d measures" % (sys.argv[1], count))
