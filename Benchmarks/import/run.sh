#!/bin/sh
# Times `lumen import` over 1,000 generated Akoma Ntoso resolutions of 20
# paragraphs each, with and without suggestions, then checks the drafts.
# Usage: Benchmarks/import/run.sh [LUMEN] [COUNT]
set -eu
lumen=${1:-.build/release/lumen}
count=${2:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$(dirname "$0")/generate.py" "$count" "$work/in" 20
for mode in "--no-suggest" ""; do
  rm -rf "$work/out"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$lumen" import "$work/in" --output "$work/out" $mode > /dev/null
  end=$(date +%s.%N)
  echo "import of $count resolutions ${mode:-with suggestions}: $(echo "$end - $start" | bc) s"
done
start=$(date +%s.%N)
"$lumen" check "$work/out" --fail-on never > /dev/null
end=$(date +%s.%N)
echo "check of the $count drafts: $(echo "$end - $start" | bc) s"
