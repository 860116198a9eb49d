#!/usr/bin/env bash
# Runs the TypeORM CLI on the TypeScript sources with the project's DataSource.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node -r @swc-node/register -r ./scripts/register-paths-ts.js ./node_modules/typeorm/cli.js "$@"
