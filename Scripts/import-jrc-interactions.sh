#!/usr/bin/env bash
# Writes Rules/interactions/jrc-knowsdgs.lumen from the reference table of the JRC
# KnowSDGs interlinkages (../shared/reference/interactions-jrc-2023.tsv): one
# reported interaction per row, in the order of the targets, with its sign and
# its number of evidence entries (left out where the table counts none). Usage: Scripts/import-jrc-interactions.sh [TSV]
set -euo pipefail
cd "$(dirname "$0")/.."
table="${1:-../shared/reference/interactions-jrc-2023.tsv}"
targets="../shared/reference/sdg-target-ids.txt"
out="Rules/interactions/jrc-knowsdgs.lumen"
{
  cat <<'HEADER'
# The default interaction base: SDG target interlinkages reported in the literature,
# from the JRC KnowSDGs platform of the European Commission's Joint Research Centre
# (2021-2022 update of Miola, Borchardt, Neher and Buscaglia, 2019, "Interlinkages and
# policy coherence for the Sustainable Development Goals implementation", JRC Technical
# Report JRC115163, EUR 29646 EN). European Commission data; reused with attribution.
#
# Each line says that the literature reports advancing the first target to have this
# kind of effect on the second, in at least one context, with the number of evidence
# entries behind it. It is a sign, not a score: `synergy`, `trade-off`, or
# `unspecified` (an effect whose direction the entries do not give). Many pairs are
# reported both ways, because the effect depends on how a measure is designed.
#
# On for every run. A scored interaction (a pack's, a draft's own) outranks these
# reports for the resolutions it applies to. Written by
# Scripts/import-jrc-interactions.sh from the platform's table; not edited by hand.

citation("JRC KnowSDGs", "European Commission, Joint Research Centre, KnowSDGs platform: SDG interlinkages, 2021-2022 update of Miola et al. (2019), JRC115163").

HEADER
  # Targets in official order, then each row as a declaration, sorted by that order.
  awk -F'\t' -v targets="$targets" '
    BEGIN { while ((getline line < targets) > 0) order[line] = ++n }
    /^#/ || $1 == "from_target" { next }
    {
      sign = $3 == "not specified" ? "unspecified" : $3
      if (!(sign == "synergy" || sign == "trade-off" || sign == "unspecified")) { print "unknown sign " $3 > "/dev/stderr"; exit 1 }
      if (!($1 in order) || !($2 in order)) { print "unknown target in " $0 > "/dev/stderr"; exit 1 }
      rank = sign == "synergy" ? 1 : sign == "trade-off" ? 2 : 3
      evidence = $4 > 0 ? " evidence " $4 : ""
      printf "%04d %04d %d\tinteraction %s -> %s %s%s source \"JRC KnowSDGs\"\n", order[$1], order[$2], rank, $1, $2, sign, evidence
    }' "$table" | sort | cut -f2-
} > "$out"
echo "wrote $out ($(grep -c '^interaction' "$out") interactions)"
