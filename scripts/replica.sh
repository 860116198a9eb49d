#!/usr/bin/env bash
# A local PostgreSQL streaming replica of the primary at 127.0.0.1:5432, for the read-connection tests
# (DATABASE_READ_URL): `start` makes it with pg_basebackup when it is not running, `stop` stops it.
#
#   bash scripts/replica.sh start   # prints the replica's port once it accepts reads
#   bash scripts/replica.sh stop
#
# REPLICA_PORT (5433) and REPLICA_DIR (/tmp/spcomms-replica) change where it runs. The primary must
# accept replication connections from 127.0.0.1: when no pg_hba.conf line allows them and the file
# is writable, one trust line for 127.0.0.1 is added and the configuration reloaded; otherwise the
# script says what to add.
set -euo pipefail

port="${REPLICA_PORT:-5433}"
dir="${REPLICA_DIR:-/tmp/spcomms-replica}"
primary="postgres://postgres@127.0.0.1:5432/postgres"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$bin/pg_basebackup" ]] || bin="$(dirname "$(command -v pg_basebackup || echo /missing/pg_basebackup)")"

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

answers() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; }

case "${1:-start}" in
  start)
    if answers; then
      echo "$port"
      exit 0
    fi
    if [[ ! -x "$bin/pg_basebackup" ]]; then
      echo "error: pg_basebackup and pg_ctl (PostgreSQL server binaries) are needed for the replica tests." >&2
      echo "       Debian: apt-get install postgresql-15" >&2
      exit 1
    fi
    allowed=$(psql "$primary" -Atc "SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database) AND (address IS NULL OR address = '127.0.0.1')")
    if [[ "$allowed" == 0 ]]; then
      hba=$(psql "$primary" -Atc "SHOW hba_file")
      if [[ -w "$hba" ]]; then
        echo "host replication all 127.0.0.1/32 trust  # spcomms: local replica for tests" >>"$hba"
        psql "$primary" -Atc "SELECT pg_reload_conf()" >/dev/null
      else
        echo "error: the primary refuses replication connections; add to $hba:" >&2
        echo "       host replication all 127.0.0.1/32 trust" >&2
        exit 1
      fi
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    as_postgres "$bin/pg_basebackup" -h 127.0.0.1 -p 5432 -U postgres -D "$dir" -R -X stream -c fast
    # Debian keeps the configuration outside the data directory: the replica gets its own.
    as_postgres bash -c "cat >'$dir/postgresql.conf'" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '/tmp'
hot_standby = on
shared_buffers = 32MB
max_connections = 100
EOF
    as_postgres bash -c "printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >'$dir/pg_hba.conf'; : >'$dir/pg_ident.conf'"
    as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/replica.log" -w start >/dev/null
    answers
    echo "$port"
    ;;
  stop)
    if [[ -d "$dir" ]]; then
      as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
