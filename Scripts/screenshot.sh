#!/usr/bin/env bash
# Renews docs/audit-report.png, docs/systems-view.png and docs/accounts-statement.png:
# audits Examples/ into an HTML report and takes screenshots with a headless Chromium
# (Debian: `apt-get install chromium`): the report's first screens, its "Systems view"
# section alone, and the "Accounts" section of the example city plan's report.
# Usage: Scripts/screenshot.sh [OUTPUT.png [SYSTEMS.png [ACCOUNTS.png]]]
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-docs/audit-report.png}"
systems="${2:-docs/systems-view.png}"
accounts="${3:-docs/accounts-statement.png}"
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
only() { # section id, report, output page
  awk -v id="$1" '
    /^<\/main>/ { state = "after" }
    state == "" || state == "after" { print; if ($0 ~ /^<main id="main">/) state = "main"; next }
    $0 ~ "^<section id=\"" id "\"" { inside = 1 }
    inside { print; if ($0 ~ /<\/section>$/) inside = 0 }
  ' "$2" > "$3"
}
only systems "$work/report.html" "$work/systems.html"
shoot "$work/systems.html" 1100 2150 0.6 "$systems"
"$(swift build -c release --static-swift-stdlib --show-bin-path)/lumen" audit Examples/accounts --html "$work/accounts-report.html" > /dev/null 2>&1
only accounts "$work/accounts-report.html" "$work/accounts.html"
shoot "$work/accounts.html" 1100 1300 0.75 "$accounts"
