#!/usr/bin/env bash
# Fuzzes the whole pipeline (readers, parser, formatter, checker, engine, every
# report format and its own rules, drafts checked with the standard library,
# REPL sessions, `use` paths that must stay inside a project) with libFuzzer. Usage: Scripts/fuzz.sh [SECONDS] (default 60).
# The library sources are compiled into one module (their imports of each other
# removed); crashes are written to fuzz-out/ and become regression tests.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
work=".build/fuzz"
rm -rf "$work/src" && mkdir -p "$work/src" "$work/corpus" fuzz-out
for module in Diagnostics TextAnalysis Syntax Semantics Engine Findings Reports Lumen; do
  for file in $(find "Sources/$module" -name '*.swift' | sort); do
    sed -E '/^import (Diagnostics|TextAnalysis|Syntax|Semantics|Engine|Findings|Reports|Lumen)$/d' "$file" > "$work/src/${module}_$(basename "$file")"
  done
done
# The standard library, embedded as the build plugin does it.
swiftc -O Sources/RulesEmbedder/main.swift -o "$work/embedder"
"$work/embedder" Rules "$work/src/EmbeddedRules.swift"
cp Scripts/FuzzTarget.swift "$work/src/"
swiftc -O -sanitize=fuzzer,address -parse-as-library -package-name lumen -module-name LumenFuzz \
  "$work"/src/*.swift -o "$work/fuzz"
# Seed corpus: the standard library, the examples and the malformed inputs.
find Rules Examples Tests/LumenTests/Fixtures -type f \( -name '*.lumen' -o -name '*.json' -o -name '*.csv' \) \
  -exec cp {} "$work/corpus/" \;
# Seeds for the report formats' rules (first byte 3) and for `use` paths (first byte 4).
cp Scripts/fuzz-seeds/*.seed "$work/corpus/"
# The standard library is parsed once and kept in a cache for all inputs. Swift
# stores enum payload pointers with tag bits set, which LeakSanitizer does not
# recognise as pointers, so what the cache holds would be reported as leaked.
echo "leak:loadStandardLibrary" > "$work/lsan.supp"
export LSAN_OPTIONS="suppressions=$work/lsan.supp"
"$work/fuzz" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix=fuzz-out/ -print_final_stats=1 "$work/corpus"
