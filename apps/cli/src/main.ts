import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role, systemActor } from '@spcomms/access';
import { AccountsRepository, UsersService } from '@spcomms/accounts';
import { AuditAnchorService, AuditVerifierService } from '@spcomms/audit';
import { AppConfig, ConfigError } from '@spcomms/config';
import { dataSourceOptions } from '@spcomms/database';
import { ReferenceSeeder } from '@spcomms/reference';
import { CliModule } from './cli.module';
import { DEMO_USERS, DemoSeeder } from './demo.seeder';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                                  apply pending migrations
  seed [--demo]                            load reference data (States, mandates); --demo adds demo users and data
  create-admin <username> <email> [--password <p>]
                                           create an admin (a password is generated and printed when not given)
  reset-password <username> [--password <p>]
                                           set a new password and revoke the user's sessions
  audit:verify                             walk the audit chains and anchors; exit 1 naming the first broken event
  audit:anchor                             seal the subjects' audit chains that moved into the anchor chain now
`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

const generatePassword = () => randomBytes(12).toString('base64url');

async function migrate(config: AppConfig): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(config.env.DATABASE_URL));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`
        : 'Database is up to date',
    );
  } finally {
    await dataSource.destroy();
  }
}

async function withContext<T>(config: AppConfig, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function main(args: string[]): Promise<number> {
  const config = AppConfig.fromEnv();
  const [command, ...rest] = args;
  switch (command) {
    case 'migrate':
      await migrate(config);
      return 0;
    case 'seed':
      return withContext(config, async (app) => {
        const counts = await app.get(ReferenceSeeder).seed();
        console.log(`Reference data: ${counts.states} States and pseudo-recipients, ${counts.mandates} mandates`);
        if (rest.includes('--demo')) {
          const password = config.env.SEED_DEMO_PASSWORD ?? 'spcomms-demo';
          const created = await app.get(DemoSeeder).seed(password);
          console.log(
            `Demo data: ${created.length} new demo user(s); every demo user's password is "${password}" unless changed`,
          );
          console.log(DEMO_USERS.map((user) => `  ${user.username.padEnd(20)} ${user.role}`).join('\n'));
        }
        return 0;
      });
    case 'create-admin': {
      const [username, email] = rest;
      if (!username || !email) {
        console.error(USAGE);
        return 2;
      }
      const password = option(rest, '--password') ?? generatePassword();
      return withContext(config, async (app) => {
        await app
          .get(UsersService)
          .create(systemActor('cli'), { username, email, displayName: username, role: Role.Admin, password });
        console.log(`Admin ${username} created. Password: ${password}`);
        return 0;
      });
    }
    case 'reset-password': {
      const [username] = rest;
      if (!username) {
        console.error(USAGE);
        return 2;
      }
      const password = option(rest, '--password') ?? generatePassword();
      return withContext(config, async (app) => {
        const user = await app.get(AccountsRepository).findUserByUsername(username);
        if (!user) {
          console.error(`No user ${username}`);
          return 1;
        }
        await app.get(UsersService).resetPassword(systemActor('cli'), user.id, { password });
        console.log(`Password of ${username} reset; sessions revoked. Password: ${password}`);
        return 0;
      });
    }
    case 'audit:verify':
      return withContext(config, async (app) => {
        const result = await app.get(AuditVerifierService).verify();
        if (result.ok) {
          console.log(
            `Audit chain intact: ${result.events} event(s), ${result.anchors} anchor(s), ${result.unanchored} event(s) not yet anchored`,
          );
          return 0;
        }
        console.error(`Audit chain BROKEN at event ${result.brokenAt}: ${result.reason}`);
        return 1;
      });
    case 'audit:anchor':
      return withContext(config, async (app) => {
        const result = await app.get(AuditAnchorService).anchor();
        console.log(result.seq ? `Anchor ${result.seq} seals ${result.heads} subject head(s)` : 'Nothing to anchor');
        return 0;
      });
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
    process.exit(1);
  });
