#!/usr/bin/env bash
# Fetches the tree-sitter-python grammar from the npm registry into grammar/vendor/.
# Pinned to 0.23.6: the newest release whose parser ABI (14) Debian's libtree-sitter 0.20.7 accepts.
# The generated parser is never committed; the checksum below pins the exact tarball.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="0.23.6"
sha256="aab5b860d93dbf84b37fed532f7dacc0468ede5387d0c74911d68f964287662a"
dest="$here/vendor"

if [[ -f "$dest/.version" && "$(cat "$dest/.version")" == "$version" ]]; then
  exit 0
fi
command -v npm >/dev/null || { echo "grammar/fetch.sh: error: npm is required (apt-get install npm)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "tree-sitter-python@$version" >/dev/null)
tarball="$tmp/tree-sitter-python-$version.tgz"
actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
if [[ "$actual" != "$sha256" ]]; then
  echo "grammar/fetch.sh: error: checksum mismatch for tree-sitter-python $version: got $actual" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$tmp"
rm -rf "$dest"
mkdir -p "$dest"
cp -r "$tmp/package/src" "$dest/src"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
echo "$version" > "$dest/.version"
echo "grammar: tree-sitter-python $version fetched into grammar/vendor"
