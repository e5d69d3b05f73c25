#!/usr/bin/env bash
# Renews docs/audit-report.png and docs/systems-view.png: audits Examples/ into an
# HTML report and takes screenshots with a headless Chromium (Debian: `apt-get install
# chromium`): the report's first screens, and its "Systems view" section alone.
# Usage: Scripts/screenshot.sh [OUTPUT.png [SYSTEMS.png]]
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-docs/audit-report.png}"
systems="${2:-docs/systems-view.png}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "no Chromium found: install it (Debian: apt-get install chromium)" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build -c release --static-swift-stdlib > /dev/null
"$(swift build -c release --static-swift-stdlib --show-bin-path)/lumen" audit Examples --html "$work/report.html" > /dev/null 2>&1
shoot() { # file, width, height, scale, output
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor="$4" \
    --window-size="$2,$3" --screenshot="$work/shot.png" "file://$1" > /dev/null 2>&1
  mkdir -p "$(dirname "$5")"
  cp "$work/shot.png" "$5"
  echo "wrote $5 ($(wc -c < "$5") bytes)"
}
# Half scale keeps the committed image small; the window is tall enough for the
# summary, the heat map and the network.
shoot "$work/report.html" 1100 2200 0.5 "$output"
# The page with its other sections taken out (the page is well-formed XML, one
# section per element), so that the systems view starts at the top.
awk '
  /^<\/main>/ { state = "after" }
  state == "" || state == "after" { print; if ($0 ~ /^<main id="main">/) state = "main"; next }
  /^<section id="systems"/ { inside = 1 }
  inside { print; if ($0 ~ /<\/section>$/) inside = 0 }
' \
  "$work/report.html" > "$work/systems.html"
shoot "$work/systems.html" 1100 2150 0.6 "$systems"
