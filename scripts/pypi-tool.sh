#!/usr/bin/env bash
# Installs a command-line tool from PyPI into a virtualenv cached outside the repository, keyed by
# package and version; prints the binary's path. Usage: pypi-tool.sh <package> <version>
set -euo pipefail
PACKAGE="$1"
VERSION="$2"
CACHE="${AWS_ORG_CDKTF_CACHE:-$HOME/.cache/aws-org-cdktf}/$PACKAGE/$VERSION"
if [[ ! -x "$CACHE/bin/$PACKAGE" ]]; then
  echo "[$PACKAGE] installing $VERSION from PyPI (once)" >&2
  rm -rf "$CACHE"
  python3 -m venv "$CACHE" >&2
  "$CACHE/bin/pip" install --quiet --disable-pip-version-check "$PACKAGE==$VERSION" >&2
fi
echo "$CACHE/bin/$PACKAGE"
