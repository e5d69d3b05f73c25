#!/usr/bin/env python3
"""Measures `lumen suggest` on a set of judged statements or of labelled measures.

Usage: run.py [--lumen PATH] [--set FILE] [--thresholds 1,2,3] [--text-output] [--half odd|even]

The set is a TSV file of judgements, `id, sdg, label (True/False), statement`
(the development set in ../shared/reference/sdg-dev-statements.tsv by default;
it is read at run time and never copied into the project). Every distinct
statement becomes a measure of a temporary draft; `lumen suggest --format json`
scores the goals of each. A judgement is predicted True when its goal scores at
least the threshold. Printed per threshold: precision, recall and accuracy over
the judgements, and how many statements got no goal at all (abstentions).

A set with a `targets` column (policy-measures.tsv beside this script: `id,
language, targets, source, measure`) is a labelled set instead: each measure has
the targets it advances. Per threshold, at target level and at goal level:
precision (of the targets or goals suggested, how many are labelled), recall (of
the labelled ones, how many are suggested), accuracy (how many measures have a
labelled target or goal as their best suggestion; a measure with no suggestion
counts as wrong) and abstentions; for all measures, then per language. With
--half, only the measures whose number is odd (or even): the odd half is the
one whose errors the profiles were corrected on, the even half stays unread.

With --text-output, the text output of `lumen suggest` is read instead (every
target it lists counts, whatever its score): for measuring builds that have no
JSON output, such as the keyword lexicon before the suggester (one threshold).
"""
import argparse, csv, json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))

def read_set(path):
    judgements, statements = [], {}
    with open(path, encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    for row in csv.DictReader(rows, delimiter="\t"):
        statements[row["id"]] = row["statement"]
        judgements.append((row["id"], int(row["sdg"]), row["label"] == "True"))
    return judgements, statements

def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\t", " ") + '"'

def run_suggest(lumen, statements, arguments):
    """`lumen suggest ARGUMENTS` over a draft of one measure per statement; its output."""
    with tempfile.TemporaryDirectory() as tmp:
        draft = os.path.join(tmp, "set.lumen")
        with open(draft, "w", encoding="utf-8") as f:
            f.write('resolution set "Judged statements" {\n  level national\n')
            for key, text in statements.items():
                f.write(f"  measure s{key} {quote(text)}\n")
            f.write("}\n")
        out = subprocess.run([lumen, "suggest"] + arguments + [draft], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return out.stdout

def all_scores(lumen, statements):
    report = json.loads(run_suggest(lumen, statements, ["--format", "json", "--top", "1000", "--min-score", "0"]))
    return {m["measure"].split(".s", 1)[1]: m for m in report["measures"]}

def goal_scores(lumen, statements):
    return {key: {g["goal"]: g["score"] for g in m["goals"]} for key, m in all_scores(lumen, statements).items()}

def target_scores(lumen, statements):
    return {key: {t["id"]: t["score"] for t in m["targets"]} for key, m in all_scores(lumen, statements).items()}

def read_labelled(path):
    """Measures with the targets they advance: {id: (language, {target}, text)}."""
    with open(path, encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    return {row["id"]: (row["language"], set(row["targets"].split(",")), row["measure"])
            for row in csv.DictReader(rows, delimiter="\t")}

def goal_of(target):
    return int(target.split(".")[0])

def labelled_figures(measures, scores, threshold, level):
    """Precision, recall, accuracy and abstentions over the measures, at `level` (target or goal)."""
    suggested_count = right = labelled_count = best_right = abstained = 0
    for key, (_, targets, _) in measures.items():
        entries = scores.get(key, {})
        if level == "goal":
            labelled = {goal_of(t) for t in targets}
            grouped = {}
            for target, score in entries.items():
                grouped[goal_of(target)] = max(grouped.get(goal_of(target), 0), score)
            entries = grouped
        else:
            labelled = targets
        suggested = {entry for entry, score in entries.items() if score >= threshold}
        suggested_count += len(suggested)
        right += len(suggested & labelled)
        labelled_count += len(labelled)
        if suggested:
            best = max(suggested, key=lambda entry: (entries[entry], str(entry)))
            best_right += best in labelled
        else:
            abstained += 1
    precision = right / suggested_count if suggested_count else 0.0
    return precision, right / labelled_count, best_right / len(measures), abstained

def report_labelled(path, measures, scores, thresholds):
    languages = sorted({language for language, _, _ in measures.values()})
    print(f"{os.path.basename(path)}: {len(measures)} measures (" +
          ", ".join(f"{sum(1 for m in measures.values() if m[0] == l)} {l}" for l in languages) + ")")
    for subset in ["all"] + languages:
        chosen = {k: m for k, m in measures.items() if subset == "all" or m[0] == subset}
        print(f"\n{subset}: {len(chosen)} measures")
        print("threshold  level   precision  recall  accuracy  abstained")
        for threshold in thresholds:
            for level in ("target", "goal"):
                p, r, a, n = labelled_figures(chosen, scores, threshold, level)
                print(f"{threshold:9.2f}  {level:6}  {p:9.3f}  {r:6.3f}  {a:8.3f}  {n:4d} of {len(chosen)}")

def listed_targets(lumen, statements):
    """The targets the text output lists for each statement, each scored 1."""
    targets, current = {}, None
    for line in run_suggest(lumen, statements, []).splitlines():
        if not line.startswith(" ") and ": set.s" in line:
            current = line.split(": set.s", 1)[1].split(" ", 1)[0]
            targets[current] = {}
        elif line.startswith("  target ") and current is not None:
            targets[current][line.split()[1]] = 1
    return targets

def listed_goals(lumen, statements):
    """The goals of the targets the text output lists, each scored 1."""
    return {key: {goal_of(target): 1 for target in targets} for key, targets in listed_targets(lumen, statements).items()}

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lumen", default=os.path.join(root, ".build", "release", "lumen"))
    parser.add_argument("--set", default=os.path.join(root, "..", "shared", "reference", "sdg-dev-statements.tsv"))
    parser.add_argument("--thresholds", default="2,4,6,8,10,15")
    parser.add_argument("--text-output", action="store_true")
    parser.add_argument("--half", choices=["odd", "even"],
                        help="only the measures whose id ends in an odd (or even) number, for a labelled set")
    args = parser.parse_args()
    with open(args.set, encoding="utf-8") as f:
        header = next(line for line in f if not line.startswith("#"))
    if "targets" in header.split("\t"):
        measures = read_labelled(args.set)
        if args.half:
            parity = 1 if args.half == "odd" else 0
            measures = {k: m for k, m in measures.items() if int(k.lstrip("abcdefghijklmnopqrstuvwxyz")) % 2 == parity}
        statements = {key: text for key, (_, _, text) in measures.items()}
        if args.text_output:
            listed = listed_targets(args.lumen, statements)
            scores, thresholds = listed, [1.0]
        else:
            scores, thresholds = target_scores(args.lumen, statements), [float(t) for t in args.thresholds.split(",")]
        report_labelled(args.set, measures, scores, thresholds)
        return
    judgements, statements = read_set(args.set)
    if args.text_output:
        scores, args.thresholds = listed_goals(args.lumen, statements), "1"
    else:
        scores = goal_scores(args.lumen, statements)
    positives = sum(1 for _, _, label in judgements if label)
    print(f"{os.path.basename(args.set)}: {len(judgements)} judgements ({positives} true) on {len(statements)} statements")
    print("threshold  precision  recall  accuracy  abstained")
    for threshold in [float(t) for t in args.thresholds.split(",")]:
        tp = fp = tn = fn = 0
        for key, goal, label in judgements:
            predicted = scores.get(key, {}).get(goal, 0) >= threshold
            tp += predicted and label
            fp += predicted and not label
            fn += (not predicted) and label
            tn += (not predicted) and not label
        abstained = sum(1 for key in statements if not any(s >= threshold for s in scores.get(key, {}).values()))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        accuracy = (tp + tn) / len(judgements)
        print(f"{threshold:9.2f}  {precision:9.3f}  {recall:6.3f}  {accuracy:8.3f}  {abstained:4d} of {len(statements)}")

if __name__ == "__main__":
    main()
