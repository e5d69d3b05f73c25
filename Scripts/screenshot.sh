#!/usr/bin/env bash
# Renews docs/audit-report.png: audits Examples/ into an HTML report and takes a
# screenshot of its first screens with a headless Chromium (Debian: `apt-get install
# chromium`). Usage: Scripts/screenshot.sh [OUTPUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-docs/audit-report.png}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "no Chromium found: install it (Debian: apt-get install chromium)" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build -c release --static-swift-stdlib > /dev/null
"$(swift build -c release --static-swift-stdlib --show-bin-path)/lumen" audit Examples --html "$work/report.html" > /dev/null 2>&1
# Half scale keeps the committed image small; the window is tall enough for the
# summary, the heat map and the network.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=0.5 \
  --window-size=1100,2200 --screenshot="$work/shot.png" "file://$work/report.html" > /dev/null 2>&1
mkdir -p "$(dirname "$output")"
cp "$work/shot.png" "$output"
echo "wrote $output ($(wc -c < "$output") bytes)"
