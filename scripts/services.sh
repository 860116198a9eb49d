#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer at DATABASE_URL / REDIS_URL (defaults: 127.0.0.1:5432 and :6379).
# Starts the local servers when they are installed but down; otherwise says exactly what is missing.
set -euo pipefail

pg_host=127.0.0.1; pg_port=5432; redis_host=127.0.0.1; redis_port=6379
if [[ -n "${DATABASE_URL:-}" ]]; then
  hostport=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname+" "+(u.port||5432))' "$DATABASE_URL")
  read -r pg_host pg_port <<<"$hostport"
fi
if [[ -n "${REDIS_URL:-}" ]]; then
  hostport=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname+" "+(u.port||6379))' "$REDIS_URL")
  read -r redis_host redis_port <<<"$hostport"
fi

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for() { # name host port
  for _ in $(seq 1 30); do
    port_open "$2" "$3" && return 0
    sleep 1
  done
  echo "error: $1 still not answering on $2:$3 after 30 s" >&2
  return 1
}

missing=0
if ! port_open "$pg_host" "$pg_port"; then
  if [[ "$pg_host" =~ ^(127\.0\.0\.1|localhost)$ ]] && command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql >/dev/null 2>&1; then
    echo "PostgreSQL is down on $pg_host:$pg_port; starting the local cluster…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
    wait_for PostgreSQL "$pg_host" "$pg_port" || missing=1
  else
    echo "error: PostgreSQL (15 or newer) is not reachable on $pg_host:$pg_port and no local server is installed." >&2
    echo "       Install it (Debian: apt-get install postgresql) or set DATABASE_URL to a running server." >&2
    missing=1
  fi
fi
if ! port_open "$redis_host" "$redis_port"; then
  if [[ "$redis_host" =~ ^(127\.0\.0\.1|localhost)$ ]] && command -v redis-server >/dev/null 2>&1; then
    echo "Redis is down on $redis_host:$redis_port; starting a local server…"
    mkdir -p /tmp/spcomms-redis
    redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
      --dir /tmp/spcomms-redis --logfile /tmp/spcomms-redis/redis.log
    wait_for Redis "$redis_host" "$redis_port" || missing=1
  else
    echo "error: Redis (7 or newer) is not reachable on $redis_host:$redis_port and no local server is installed." >&2
    echo "       Install it (Debian: apt-get install redis-server) or set REDIS_URL to a running server." >&2
    missing=1
  fi
fi
exit "$missing"
