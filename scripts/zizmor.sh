#!/usr/bin/env bash
# zizmor, the GitHub Actions security linter, from PyPI: prints the binary's path.
set -euo pipefail
exec bash "$(dirname "$0")/pypi-tool.sh" zizmor "${ZIZMOR_VERSION:-1.32.0}"
