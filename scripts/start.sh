#!/usr/bin/env bash
# npm start: checks the services, builds, migrates, loads reference and demo data, then runs the
# API and the worker together. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
# The API and the worker write through concurrently, not to this terminal: say that a person reads them.
if [[ -t 1 && -z "${LOG_FORMAT:-}" ]]; then
  export LOG_FORMAT=pretty
fi
bash scripts/ensure-db.sh
bash scripts/ensure-build.sh
node -r ./scripts/register-paths.js dist/apps/cli/src/main.js migrate
node -r ./scripts/register-paths.js dist/apps/cli/src/main.js seed --demo

port="${PORT:-3000}"
# Without a mail server of your own, a local catcher writes the e-mails to var/mail/.
mail_line="E-mails:        sent to SMTP_URL=${SMTP_URL:-}"
commands=()
names="api,worker"
if [[ -z "${SMTP_URL:-}" ]] && ! (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null; then
  mail_line="E-mails:        written to var/mail/ by a local mail catcher"
  commands+=("node scripts/mail-catcher.js")
  names="api,worker,mail"
fi
cat <<MSG

  spcomms is starting. Open in a browser:

      http://localhost:${port}/

  Log in there as a demo user (listed above), password ${SEED_DEMO_PASSWORD:-spcomms-demo}.
  For programs:   API documentation at http://localhost:${port}/docs (OpenAPI JSON at /docs-json),
                  health at /health (worker: http://localhost:${WORKER_HEALTH_PORT:-3001}/health)
  ${mail_line}
  Stop:           Ctrl-C

MSG
exec ./node_modules/.bin/concurrently --kill-others --names "$names" --prefix-colors blue,magenta,green \
  "node -r ./scripts/register-paths.js dist/apps/api/src/main.js" \
  "node --max-old-space-size=160 -r ./scripts/register-paths.js dist/apps/worker/src/main.js" \
  "${commands[@]}"
