#!/usr/bin/env bash
# Runs a command with a Node.js the project supports first on PATH. Every npm script and cdktf.json's
# app go through it, so a machine whose own `node` is older (or missing) still runs them: the pinned
# version (.node-version) is installed once by scripts/node.sh, from the npm registry, and reused.
# Usage: bash scripts/project-node.sh node cli/aws-org.mjs synth
set -euo pipefail
NEEDED_MAJOR=24
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

current="$(node --version 2>/dev/null || true)"
major="${current#v}"
major="${major%%.*}"
if [[ ! "$major" =~ ^[0-9]+$ ]] || ((major < NEEDED_MAJOR)); then
  pinned="${NODE_VERSION:-$(tr -d "[:space:]v" < "$here/../.node-version")}"
  if ! node_bin="$(bash "$here/node.sh")"; then
    echo "aws-org-cdktf needs Node.js >= $NEEDED_MAJOR (found ${current:-no node}) and could not install Node.js $pinned: install it (nvm install, fnm install: .node-version names it) or run: bash scripts/node.sh" >&2
    exit 1
  fi
  echo "[node] ${current:-no node} on PATH is older than the project needs (>= $NEEDED_MAJOR): using Node.js $pinned from ${node_bin%/bin}" >&2
  export PATH="$node_bin:$PATH"
fi
exec "$@"
