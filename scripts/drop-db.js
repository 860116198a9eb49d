// Drops the database of the given URL (used by scripts for their scratch databases).
const { Client } = require('pg');

const url = new URL(process.argv[2]);
const name = decodeURIComponent(url.pathname.slice(1));
url.pathname = '/postgres';
const client = new Client({ connectionString: url.toString() });
client
  .connect()
  .then(() => client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`))
  .then(() => client.end())
  .catch((error) => {
    console.error(`cannot drop ${name}: ${error.message}`);
    process.exit(1);
  });
