#!/usr/bin/env bash
# Proves that entities and migrations agree: applies every migration to an empty database, then
# asks TypeORM whether the entities would need another migration.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
base="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/spcomms}"
scratch="${base%/*}/spcomms_migration_check_$$"
export DATABASE_URL="$scratch"
trap 'node scripts/drop-db.js "$scratch" >/dev/null' EXIT
bash scripts/ensure-db.sh
bash scripts/typeorm-cli.sh migration:run -d libs/database/src/data-source.ts >/dev/null
if bash scripts/typeorm-cli.sh migration:generate --check -d libs/database/src/data-source.ts migrations/Check; then
  echo "migration:check: entities and migrations agree"
else
  echo "migration:check: the entities differ from the migrations (see above); generate a migration" >&2
  exit 1
fi
