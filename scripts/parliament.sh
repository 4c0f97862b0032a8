#!/usr/bin/env bash
# Parliament, Duo Labs' IAM policy linter, from PyPI: prints the binary's path.
set -euo pipefail
exec bash "$(dirname "$0")/pypi-tool.sh" parliament "${PARLIAMENT_VERSION:-1.6.4}"
