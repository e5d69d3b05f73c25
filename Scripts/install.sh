#!/bin/sh
# Builds lumen (release, the Swift runtime linked in) and installs it under a
# prefix, with its shell completions:
#   PREFIX/bin/lumen
#   PREFIX/share/bash-completion/completions/lumen
#   PREFIX/share/zsh/site-functions/_lumen
#   PREFIX/share/fish/vendor_completions.d/lumen.fish
# Usage: Scripts/install.sh [PREFIX]   (default: $HOME/.local)
set -eu
cd "$(dirname "$0")/.."
prefix=${1:-$HOME/.local}
swift build -c release --static-swift-stdlib
binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/lumen"
mkdir -p "$prefix/bin" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
  "$prefix/share/fish/vendor_completions.d"
install -m 755 "$binary" "$prefix/bin/lumen"
"$prefix/bin/lumen" completions bash > "$prefix/share/bash-completion/completions/lumen"
"$prefix/bin/lumen" completions zsh > "$prefix/share/zsh/site-functions/_lumen"
"$prefix/bin/lumen" completions fish > "$prefix/share/fish/vendor_completions.d/lumen.fish"
echo "installed $prefix/bin/lumen ($("$prefix/bin/lumen" --version)) and its bash, zsh and fish completions"
