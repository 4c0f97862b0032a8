#!/usr/bin/env bash
# Builds actionlint (the GitHub Actions workflow linter) from its Go module, cached outside the
# repository and keyed by version; prints the binary's path.
set -euo pipefail
VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
CACHE="${AWS_ORG_CDKTF_CACHE:-$HOME/.cache/aws-org-cdktf}/actionlint/$VERSION"
if [[ ! -x "$CACHE/actionlint" ]]; then
  echo "[actionlint] building $VERSION from its Go module (about a minute, once)" >&2
  mkdir -p "$CACHE"
  GOFLAGS=-buildvcs=false GOTOOLCHAIN=local GOBIN="$CACHE" go install "github.com/rhysd/actionlint/cmd/actionlint@$VERSION" >&2
fi
echo "$CACHE/actionlint"
