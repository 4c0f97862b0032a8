#!/usr/bin/env bash
# Installs Parliament (Duo Labs' IAM policy linter, from PyPI) into a virtualenv cached outside the
# repository and keyed by version; prints the binary's path.
set -euo pipefail
VERSION="${PARLIAMENT_VERSION:-1.6.4}"
CACHE="${AWS_ORG_CDKTF_CACHE:-$HOME/.cache/aws-org-cdktf}/parliament/$VERSION"
if [[ ! -x "$CACHE/bin/parliament" ]]; then
  echo "[parliament] installing $VERSION from PyPI (once)" >&2
  rm -rf "$CACHE"
  python3 -m venv "$CACHE" >&2
  "$CACHE/bin/pip" install --quiet --disable-pip-version-check "parliament==$VERSION" >&2
fi
echo "$CACHE/bin/parliament"
