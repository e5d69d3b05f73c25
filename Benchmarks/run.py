#!/usr/bin/env python3
"""Runs coherence-bench: Lumen and established engines on the same generated facts.

Usage: Benchmarks/run.py [--sizes 20,200,2000,20000] [--runs 3]
                         [--engines lumen,clingo,duckdb[,sqlite,swipl,clips]]
                         [--timeout SECONDS] [--seed N]

For each size (resolutions) the workload is generated into .build/bench/N-SEED,
each engine runs `--runs` times, every engine must report the same count for
every derived relation, and a Markdown table of median wall time and peak memory
(maximum resident set size, from /usr/bin/time) is printed. Lumen is built in
release mode; clingo and DuckDB are installed with pip into .build/bench-venv;
SQLite, SWI-Prolog and CLIPS (not run unless asked for) are the system's programs.
Not part of .ci/run.
"""
import argparse
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".build", "bench-venv")
PYTHON = os.path.join(VENV, "bin", "python")


# Engines the system provides (`apt-get install sqlite3 swi-prolog-nox clips` on Debian),
# run only when asked for: how to ask each its version.
SYSTEM_ENGINES = [
    ("sqlite", ["sqlite3", "--version"], lambda words: words[0]),
    ("swipl", ["swipl", "--version"], lambda words: words[2]),
    ("clips", ["clips"], lambda words: words[1].lstrip("(")),
]


def setup():
    if not os.path.exists(PYTHON):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "clingo", "duckdb"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "lumen"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    versions = subprocess.run([PYTHON, "-c", "import clingo, duckdb; print(clingo.__version__, duckdb.__version__)"],
                              capture_output=True, text=True, check=True).stdout.split()
    found = {"clingo": versions[0], "duckdb": versions[1]}
    for engine, probe, pick in SYSTEM_ENGINES:
        try:
            words = subprocess.run(probe, input="(exit)\n", capture_output=True, text=True).stdout.split()
            found[engine] = pick(words)
        except (OSError, IndexError):
            found[engine] = "(not installed)"
    return found


def command(engine, directory):
    if engine == "lumen":
        return [os.path.join(ROOT, ".build", "release", "lumen"), "eval", "--no-stdlib", "--count", "--timeout", "100000",
                "--max-tuples", "1000000000", "--facts", directory,
                os.path.join(ROOT, "Benchmarks", "coherence", "coherence.lumen")]
    if engine == "swipl":
        return ["swipl", os.path.join(ROOT, "Benchmarks", "engines", "swipl_count.pl"), directory]
    # sqlite_count.py and clips_count.py drive the system's programs: no package from the virtual environment.
    python = PYTHON if engine in ("clingo", "duckdb") else sys.executable
    return [python, os.path.join(ROOT, "Benchmarks", "engines", "%s_count.py" % engine), directory]


def run(engine, directory, timeout):
    """(seconds, peak MB, counts) of one run, or None after a timeout or failure."""
    try:
        result = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command(engine, directory), capture_output=True,
                                text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        sys.stderr.write("%s failed:\n%s\n" % (engine, result.stderr[-2000:]))
        return None
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    counts = dict(line.split("\t") for line in result.stdout.splitlines() if "\t" in line)
    return float(seconds), int(kilobytes) / 1024, counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20,200,2000,20000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", default="lumen,clingo,duckdb")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    versions = setup()
    engines = arguments.engines.split(",")
    rows = []
    for size in [int(s) for s in arguments.sizes.split(",")]:
        directory = os.path.join(ROOT, ".build", "bench", "%d-%d" % (size, arguments.seed))
        if not os.path.exists(os.path.join(directory, "advance.facts")):
            subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate.py"), str(size), directory,
                            str(arguments.seed)], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(directory, "measure_of.facts")) as handle:
            measures = sum(1 for _ in handle)
        cells, reference = [], None
        for engine in engines:
            results = [run(engine, directory, arguments.timeout) for _ in range(arguments.runs)]
            if any(result is None for result in results):
                cells.append("timeout or failure")
                continue
            for _, _, counts in results:
                if reference is None:
                    reference = (engine, counts)
                elif counts != reference[1]:
                    sys.exit("counts differ at %d resolutions: %s %s, %s %s" % (size, reference[0], reference[1], engine, counts))
            cells.append("%.2f s, %.0f MB" % (statistics.median(r[0] for r in results), max(r[1] for r in results)))
            print("%d resolutions, %s: %s" % (size, engine, cells[-1]), file=sys.stderr)
        rows.append("| %s | %s | %s |" % (format(size, ","), format(measures, ","), " | ".join(cells)))
    names = {"lumen": "Lumen", "clingo": "clingo", "duckdb": "DuckDB", "sqlite": "SQLite", "swipl": "SWI-Prolog",
             "clips": "CLIPS"}
    header = ["resolutions", "measures"] + [" ".join([names.get(e, e), versions.get(e, "")]).strip() for e in engines]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    print("\n".join(rows))
    print("\nMedian wall time of %d runs and peak memory; every engine reported the same counts." % arguments.runs)


if __name__ == "__main__":
    main()
