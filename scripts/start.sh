#!/usr/bin/env bash
# npm start: checks the services, builds, migrates, loads reference and demo data, then runs the
# API and the worker together. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
bash scripts/ensure-db.sh
bash scripts/ensure-build.sh
node -r ./scripts/register-paths.js dist/apps/cli/src/main.js migrate
node -r ./scripts/register-paths.js dist/apps/cli/src/main.js seed --demo

port="${PORT:-3000}"
cat <<MSG

  spcomms is starting
  API:            http://localhost:${port}
  API docs:       http://localhost:${port}/docs   (OpenAPI JSON at /docs-json)
  Health:         http://localhost:${port}/health  (worker: http://localhost:${WORKER_HEALTH_PORT:-3001}/health)
  Log in:         POST /auth/login {"username":"assistant","password":"${SEED_DEMO_PASSWORD:-spcomms-demo}"}
                  then send "Authorization: Bearer <token>"; the demo users are listed above.
  Stop:           Ctrl-C

MSG
exec ./node_modules/.bin/concurrently --kill-others --names api,worker --prefix-colors blue,magenta \
  "node -r ./scripts/register-paths.js dist/apps/api/src/main.js" \
  "node -r ./scripts/register-paths.js dist/apps/worker/src/main.js"
