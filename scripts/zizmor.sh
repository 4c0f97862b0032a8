#!/usr/bin/env bash
# Installs zizmor (the GitHub Actions security linter, from PyPI) into a virtualenv cached outside
# the repository and keyed by version; prints the binary's path.
set -euo pipefail
VERSION="${ZIZMOR_VERSION:-1.32.0}"
CACHE="${AWS_ORG_CDKTF_CACHE:-$HOME/.cache/aws-org-cdktf}/zizmor/$VERSION"
if [[ ! -x "$CACHE/bin/zizmor" ]]; then
  echo "[zizmor] installing $VERSION from PyPI (once)" >&2
  rm -rf "$CACHE"
  python3 -m venv "$CACHE" >&2
  "$CACHE/bin/pip" install --quiet --disable-pip-version-check "zizmor==$VERSION" >&2
fi
echo "$CACHE/bin/zizmor"
