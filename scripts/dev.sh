#!/usr/bin/env bash
# npm run dev: checks the services, migrates and seeds, then runs the API and the worker in watch
# mode (nest start --watch, SWC): a change under apps/ or libs/ rebuilds and restarts the process it
# belongs to. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
# The processes write through concurrently, not to this terminal: say that a person reads them.
if [[ -t 1 && -z "${LOG_FORMAT:-}" ]]; then
  export LOG_FORMAT=pretty
fi
bash scripts/ensure-db.sh
nest=./node_modules/.bin/nest
"$nest" build cli
node dist/cli/apps/cli/src/main.js migrate
node dist/cli/apps/cli/src/main.js seed --demo

commands=("$nest start api --watch --preserveWatchOutput" "$nest start worker --watch --preserveWatchOutput")
names="api,worker"
# Without a mail server of your own, a local catcher writes the e-mails to var/mail/.
if [[ -z "${SMTP_URL:-}" ]] && ! (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null; then
  commands+=("node scripts/mail-catcher.js")
  names="api,worker,mail"
fi
cat <<MSG

  spcomms is starting in watch mode (builds in dist/api, dist/worker)
  API:            http://localhost:${PORT:-3000}   (docs at /docs)
  Worker health:  http://localhost:${WORKER_HEALTH_PORT:-3001}/health
  Stop:           Ctrl-C

MSG
exec ./node_modules/.bin/concurrently --kill-others --names "$names" --prefix-colors blue,magenta,green \
  "${commands[@]}"
