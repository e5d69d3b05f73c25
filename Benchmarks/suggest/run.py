#!/usr/bin/env python3
"""Measures `lumen suggest` at goal level on a set of judged statements.

Usage: run.py [--lumen PATH] [--set FILE] [--thresholds 1,2,3] [--text-output]

The set is a TSV file of judgements, `id, sdg, label (True/False), statement`
(the development set in ../shared/reference/sdg-dev-statements.tsv by default;
it is read at run time and never copied into the project). Every distinct
statement becomes a measure of a temporary draft; `lumen suggest --format json`
scores the goals of each. A judgement is predicted True when its goal scores at
least the threshold. Printed per threshold: precision, recall and accuracy over
the judgements, and how many statements got no goal at all (abstentions).

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

def goal_scores(lumen, statements):
    report = json.loads(run_suggest(lumen, statements, ["--format", "json", "--top", "1000", "--min-score", "0"]))
    return {m["measure"].split(".s", 1)[1]: {g["goal"]: g["score"] for g in m["goals"]} for m in report["measures"]}

def listed_goals(lumen, statements):
    """Goals of the targets the text output lists, each scored 1."""
    goals, current = {}, None
    for line in run_suggest(lumen, statements, []).splitlines():
        if not line.startswith(" ") and ": set.s" in line:
            current = line.split(": set.s", 1)[1].split(" ", 1)[0]
            goals[current] = {}
        elif line.startswith("  target ") and current is not None:
            goals[current][int(line.split()[1].split(".")[0])] = 1
    return goals

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lumen", default=os.path.join(root, ".build", "release", "lumen"))
    parser.add_argument("--set", default=os.path.join(root, "..", "shared", "reference", "sdg-dev-statements.tsv"))
    parser.add_argument("--thresholds", default="2,4,6,8,10,15")
    parser.add_argument("--text-output", action="store_true")
    args = parser.parse_args()
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
