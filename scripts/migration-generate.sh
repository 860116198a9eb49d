#!/usr/bin/env bash
# Usage: npm run migration:generate -- <PascalName>
# Generates migrations/<epochMs>-<PascalName>.ts from the difference between the entities and a
# scratch database migrated to the latest migration. Read and edit the result before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run migration:generate -- <PascalName>}"
base="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/spcomms}"
scratch="${base%/*}/spcomms_migration_scratch_$$"
export DATABASE_URL="$scratch"
trap 'node scripts/drop-db.js "$scratch" >/dev/null' EXIT
bash scripts/ensure-db.sh
bash scripts/typeorm-cli.sh migration:run -d libs/database/src/data-source.ts >/dev/null
bash scripts/typeorm-cli.sh migration:generate -p -d libs/database/src/data-source.ts "migrations/$name"
