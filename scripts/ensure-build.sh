#!/usr/bin/env bash
# Builds dist/ when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f dist/.built ]] || [[ -n "$(find apps libs migrations scripts package-lock.json -newer dist/.built -type f -print -quit)" ]]; then
  npm run --silent build
  touch dist/.built
fi
