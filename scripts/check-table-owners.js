#!/usr/bin/env node
// npm run lint:tables: every table has one owning library, and another library's SQL names the
// owner's views, never its tables.
//
// - A table belongs to the library whose `*.entity.ts` declares it (`@Entity('name')`); a table
//   created by a migration without an entity is listed in TABLES_WITHOUT_ENTITY.
// - A view created by a migration belongs to the library its name starts with
//   (`reference_state` → libs/reference): it is that library's documented interface, read by anyone.
// - The published projection (publication's `published_*` tables) is itself the read model of the
//   public database: public-search and statistics read it (SHARED_READS).
// - KNOWN lists the cross-library reads that remain to be moved behind views or exported functions.
//
// The SQL of libs/<lib>/src (tests and their helpers excepted) is scanned for table names after
// FROM, JOIN, INTO, UPDATE, TABLE and TRUNCATE. Exit 1 on a read that no rule allows.
const fs = require('node:fs');
const path = require('node:path');

// The repository root; another root may be given as the first argument (the rules' own tests do).
const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));

const TABLES_WITHOUT_ENTITY = {
  published_communication_mandate: 'publication',
  published_communication_sample: 'publication',
  published_communication_sample_share: 'publication',
};

const SHARED_READS = [
  {
    owner: 'publication',
    tables: /^published_/,
    readers: ['public-search', 'statistics'],
    why: 'the published projection is the read model of the public database',
  },
];

// [reader, table]: reads from before the owner offered a view; remove an entry once it is fixed.
// Empty: every cross-library read goes through a view or an exported function. Should a read ever
// have to wait for its owner's view, list it here, e.g. ['statistics', 'reply'].
const KNOWN = [];

const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

function files(dir, filter) {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full, filter) : filter(full) ? [full] : [];
  });
}

function withoutComments(source) {
  // Keeps the line count, so that reported lines match the file.
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
}

function main() {
  const libs = fs.readdirSync(path.join(root, 'libs')).sort();
  const owners = new Map(Object.entries(TABLES_WITHOUT_ENTITY));
  const errors = [];

  for (const lib of libs) {
    for (const file of files(path.join(root, 'libs', lib, 'src'), (name) => name.endsWith('.entity.ts'))) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/@Entity\(\s*(?:\{\s*name:\s*)?'([a-z0-9_]+)'/g)) {
        owners.set(match[1], lib);
      }
    }
  }

  const views = new Map();
  const prefixes = libs.map((lib) => lib.replace(/-/g, '_')).sort((a, b) => b.length - a.length);
  for (const file of files(path.join(root, 'migrations'), (name) => name.endsWith('.ts'))) {
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z0-9_]+)"?/g)) {
      if (!owners.has(match[1])) {
        errors.push(
          `${path.relative(root, file)}: table ${match[1]} has no owner (an entity, or TABLES_WITHOUT_ENTITY)`,
        );
      }
    }
    // View names are literal here or listed as `name: '…'` beside a CREATE VIEW "${…}".
    const names = [...source.matchAll(/CREATE (?:OR REPLACE )?VIEW "?([a-z0-9_]+)"?/g)].map((match) => match[1]);
    if (/CREATE (?:OR REPLACE )?VIEW "?\$\{/.test(source)) {
      names.push(...[...source.matchAll(/name: '([a-z0-9_]+)'/g)].map((match) => match[1]));
    }
    for (const name of names) {
      const prefix = prefixes.find((candidate) => name.startsWith(`${candidate}_`));
      if (!prefix) {
        errors.push(`${path.relative(root, file)}: view ${name} does not start with the name of its library`);
        continue;
      }
      views.set(
        name,
        libs.find((lib) => lib.replace(/-/g, '_') === prefix),
      );
    }
  }

  const allowed = (reader, table, owner) =>
    owner === reader ||
    SHARED_READS.some((rule) => rule.owner === owner && rule.tables.test(table) && rule.readers.includes(reader));
  const known = new Set(KNOWN.map(([reader, table]) => `${reader} ${table}`));
  const seenKnown = new Set();
  const names = [...owners.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(
    `\\b(?:from|join|into|update|table|truncate)\\s+(?:only\\s+)?(?:public\\.)?"?(${names.join('|')})"?(?![a-z0-9_])`,
    'gi',
  );

  for (const lib of libs) {
    for (const file of files(
      path.join(root, 'libs', lib, 'src'),
      (name) => name.endsWith('.ts') && !TEST_FILE.test(name),
    )) {
      const lines = withoutComments(fs.readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        for (const match of line.matchAll(pattern)) {
          const table = match[1].toLowerCase();
          const owner = owners.get(table);
          if (allowed(lib, table, owner)) {
            continue;
          }
          if (known.has(`${lib} ${table}`)) {
            seenKnown.add(`${lib} ${table}`);
            continue;
          }
          const offered = [...views].filter(([, viewOwner]) => viewOwner === owner).map(([view]) => view);
          errors.push(
            `${path.relative(root, file)}:${index + 1}: libs/${lib} names table ${table}, owned by libs/${owner}; ` +
              (offered.length > 0 ? `read one of its views (${offered.join(', ')}) ` : 'ask it for a view ') +
              'or call a function it exports',
          );
        }
      });
    }
  }

  for (const entry of known) {
    if (!seenKnown.has(entry)) {
      console.log(`note: KNOWN entry "${entry}" is no longer needed; remove it from scripts/check-table-owners.js`);
    }
  }
  if (errors.length > 0) {
    console.error(errors.join('\n'));
    console.error(`\n${errors.length} read(s) of another library's tables (see scripts/check-table-owners.js)`);
    process.exit(1);
  }
  console.log(
    `Table owners: ${owners.size} tables, ${views.size} views; no library reads another's tables ` +
      `(${seenKnown.size} known exceptions)`,
  );
}

main();
