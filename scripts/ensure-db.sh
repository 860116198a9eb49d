#!/usr/bin/env bash
# Creates the database named in DATABASE_URL when it does not exist yet.
set -euo pipefail
url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/spcomms}"
node -e '
const { Client } = require("pg");
const url = new URL(process.argv[1]);
const name = decodeURIComponent(url.pathname.slice(1));
url.pathname = "/postgres";
const client = new Client({ connectionString: url.toString() });
(async () => {
  await client.connect();
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!rowCount) {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, "\"\"")}"`);
    console.log(`Created database ${name}`);
  }
  await client.end();
})().catch((error) => { console.error(`error: cannot prepare database ${name}: ${error.message}`); process.exit(1); });
' "$url"
