#!/bin/sh
# A real client against the language server: Neovim (headless, from Debian's
# packages) opens a draft with `lumen lsp`, and this prints the diagnostics it
# received, a hover and the code actions of the first finding. Exits non-zero
# when any of them is missing; skipped (exit 0) when Neovim is not installed.
# Usage: Scripts/nvim-lsp.sh [LUMEN] [DRAFT] [HOVER_LINE] [HOVER_CHARACTER] (0-based)
set -eu
cd "$(dirname "$0")/.."
if ! command -v nvim > /dev/null 2>&1; then
  echo "skipped: nvim is not installed (apt-get install neovim)"
  exit 0
fi
LUMEN=$(realpath "${1:-.build/release/lumen}")
DRAFT=$(realpath "${2:-Examples/agriculture/food-and-land.lumen}")
HOVER_LINE=${3:-17}
HOVER_CHARACTER=${4:-13}
export LUMEN DRAFT HOVER_LINE HOVER_CHARACTER
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# A clean Neovim: no user configuration, no plugins, its state in a fresh home.
HOME="$home" XDG_CONFIG_HOME="$home" XDG_DATA_HOME="$home" XDG_STATE_HOME="$home" \
  timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile Scripts/nvim-lsp.lua" 2>&1
