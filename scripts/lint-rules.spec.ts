import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// The rules of `npm run lint:deps` and `npm run lint:tables`, run on small repositories written
// for each case: a clean one passes, and each kind of violation fails with its rule.

const repo = join(__dirname, '..');
const LIBS = ['config', 'errors', 'clock', 'database', 'testing', 'reference', 'visits', 'statistics', 'newlib'];

function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'spcomms-lint-'));
  const tsconfig = {
    compilerOptions: {
      baseUrl: '.',
      module: 'commonjs',
      moduleResolution: 'node',
      paths: Object.fromEntries(LIBS.map((lib) => [`@spcomms/${lib}`, [`libs/${lib}/src`]])),
    },
  };
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
  copyFileSync(join(repo, '.dependency-cruiser.cjs'), join(root, '.dependency-cruiser.cjs'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const CLEAN: Record<string, string> = {
  'libs/config/src/index.ts': `export const setting = 1;\n`,
  'libs/errors/src/index.ts': `export const code = 'E';\n`,
  'libs/clock/src/index.ts': `import { code } from '@spcomms/errors';\nexport const now = code;\n`,
  'libs/database/src/index.ts': `import { setting } from '@spcomms/config';\nexport const db = setting;\n`,
  'libs/reference/src/index.ts': `export * from './state.entity';\n`,
  'libs/reference/src/state.entity.ts': `@Entity('state')\nexport class StateEntity {}\ndeclare function Entity(name: string): ClassDecorator;\n`,
  'libs/visits/src/index.ts': `import { StateEntity } from '@spcomms/reference';\nimport { db } from '@spcomms/database';\nexport const visit = [StateEntity, db];\n`,
  'libs/visits/src/visit.spec.ts': `import { StateEntity } from '../../reference/src/state.entity';\nexport const seen = StateEntity;\n`,
  'libs/statistics/src/index.ts': `export const sql = 'SELECT name FROM reference_state';\n`,
  'migrations/1-Views.ts': `export const up = 'CREATE VIEW "reference_state" AS SELECT code, name FROM state';\n`,
};

function cruise(files: Record<string, string>): Array<{ rule: string; from: string; to: string }> {
  const root = writeTree(files);
  try {
    const run = spawnSync(
      process.execPath,
      [
        join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        'libs',
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    const result = JSON.parse(run.stdout) as {
      summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> };
    };
    return result.summary.violations.map((violation) => ({
      rule: violation.rule.name,
      from: violation.from,
      to: violation.to,
    }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function checkTables(files: Record<string, string>): { status: number | null; output: string } {
  const root = writeTree(files);
  try {
    const run = spawnSync(process.execPath, [join(repo, 'scripts/check-table-owners.js'), root], { encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('the walls between libraries (lint:deps)', () => {
  it('accepts imports down the layers through public entries, and tests looking inside', () => {
    expect(cruise(CLEAN)).toEqual([]);
  });

  it('refuses a climb, a circle, an internal file, @spcomms/testing, an app and a lib without a layer', () => {
    const violations = cruise({
      ...CLEAN,
      'libs/config/src/climb.ts': `import { db } from '@spcomms/database';\nexport const up = db;\n`,
      'libs/errors/src/index.ts': `import { now } from '@spcomms/clock';\nexport const code = 'E';\nexport const later = () => now;\n`,
      'libs/visits/src/deep.ts': `import { StateEntity } from '../../reference/src/state.entity';\nexport const deep = StateEntity;\n`,
      'libs/visits/src/fixture.ts': `import { helper } from '@spcomms/testing';\nexport const fixture = helper;\n`,
      'libs/testing/src/index.ts': `export const helper = 1;\n`,
      'libs/statistics/src/app.ts': `import { main } from '../../../apps/api/src/main';\nexport const app = main;\n`,
      'apps/api/src/main.ts': `export const main = 1;\n`,
      'libs/newlib/src/index.ts': `import { now } from '@spcomms/clock';\nexport const n = now;\n`,
    });
    const rules = new Map(violations.map((violation) => [violation.rule, violation]));

    expect(rules.get('layer-base')).toEqual({
      rule: 'layer-base',
      from: 'libs/config/src/climb.ts',
      to: 'libs/database/src/index.ts',
    });
    // A circle is reported once, from whichever of its modules is met first.
    expect(['libs/clock/src/index.ts', 'libs/errors/src/index.ts']).toContain(rules.get('no-circular')?.from);
    expect(rules.get('lib-public-entry-only')).toMatchObject({ from: 'libs/visits/src/deep.ts' });
    expect(rules.get('testing-is-for-tests')).toMatchObject({ from: 'libs/visits/src/fixture.ts' });
    expect(rules.get('libs-do-not-import-apps')).toMatchObject({ from: 'libs/statistics/src/app.ts' });
    expect(rules.get('lib-has-a-layer')).toMatchObject({ from: 'libs/newlib/src/index.ts' });
    expect([...rules.keys()].sort()).toEqual([
      'layer-base',
      'lib-has-a-layer',
      'lib-public-entry-only',
      'libs-do-not-import-apps',
      'no-circular',
      'testing-is-for-tests',
    ]);
  });
});

describe('one owner per table (lint:tables)', () => {
  it("accepts a lib that reads another lib's view", () => {
    const result = checkTables(CLEAN);

    expect(result.output).toContain('no library reads another');
    expect(result.status).toBe(0);
  });

  it("refuses a lib whose SQL names another lib's table, but not in a comment", () => {
    const result = checkTables({
      ...CLEAN,
      'libs/statistics/src/index.ts': `// counted FROM state, for the record\nexport const sql = \`SELECT s.name\n  FROM "state" s\`;\n`,
    });

    expect(result.output).toContain(
      'libs/statistics/src/index.ts:3: libs/statistics names table state, owned by libs/reference; read one of its views (reference_state)',
    );
    expect(result.output).not.toContain('index.ts:1:');
    expect(result.status).toBe(1);
  });

  it('refuses a view not named after its lib and a table without an owner', () => {
    const result = checkTables({
      ...CLEAN,
      'migrations/2-More.ts': `export const up = ['CREATE VIEW "state_names" AS SELECT 1', 'CREATE TABLE "orphan" (id int)'];\n`,
    });

    expect(result.output).toContain('view state_names does not start with the name of its library');
    expect(result.output).toContain('table orphan has no owner');
    expect(result.status).toBe(1);
  });
});
