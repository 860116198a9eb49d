import { Role } from '@spcomms/access';
import { DraftingService, SigningService, TransmissionService } from '@spcomms/communications';
import { AccountsRepository, UsersService } from '@spcomms/accounts';
import { PublicationService } from '@spcomms/publication';
import { ReferenceRepository, ReferenceService } from '@spcomms/reference';
import { PortalRepliesService } from '@spcomms/replies';
import { DEMO_USERS, DEMO_VICTIMS, DemoSeeder } from '../apps/cli/src/demo.seeder';
import { TEST_PASSWORD, TestApp, createTestApp } from './support/test-app';

const DEMO_PASSWORD = 'demo-password-for-tests';

describe('authentication', () => {
  let sut: TestApp;
  let admin: string;

  beforeAll(async () => {
    sut = await createTestApp({
      env: {
        LOGIN_RATE_LIMIT: '4',
        LOGIN_ADDRESS_RATE_LIMIT: '8',
        LOGIN_RATE_WINDOW_SECONDS: '60',
        TOKEN_TTL_HOURS: '12',
      },
    });
    admin = (await sut.createUser({ username: 'auth.admin', role: Role.Admin })).token;
  });
  afterAll(() => sut.close());

  const login = (username: string, password: string, ip = '127.0.0.1', app: TestApp = sut) =>
    app.post('/auth/login', { username, password }, { ip });

  describe('demo users', () => {
    let created: string[];
    const demoSeeder = () =>
      new DemoSeeder(
        sut.app.get(UsersService),
        sut.app.get(AccountsRepository),
        sut.app.get(ReferenceService),
        sut.app.get(ReferenceRepository),
        sut.app.get(DraftingService),
        sut.app.get(SigningService),
        sut.app.get(TransmissionService),
        sut.clock,
        sut.app.get(PortalRepliesService),
        sut.app.get(PublicationService),
      );

    beforeAll(async () => {
      created = (await demoSeeder().seed(DEMO_PASSWORD)).map((user) => user.username);
    });

    it('creates demo users of every role', () => {
      expect(created).toEqual(DEMO_USERS.map((user) => user.username));
      expect(new Set(DEMO_USERS.map((user) => user.role))).toEqual(new Set(Object.values(Role)));
    });

    it.each(DEMO_USERS.map((user) => [user.username, user] as const))(
      'logs in %s and shows its role and scope on /me',
      async (_, user) => {
        const answer = await login(user.username, DEMO_PASSWORD, '10.1.0.1');
        expect(answer.status).toBe(200);
        expect(answer.body.token).toMatch(/^spc_/);
        expect(new Date(answer.body.expiresAt).getTime()).toBe(sut.clock.now().getTime() + 12 * 3600_000);

        const me = await sut.get('/me', { token: answer.body.token });
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          mandates: [...(user.mandates ?? [])].sort(),
          stateCode: user.stateCode ?? null,
        });
        expect(me.body).not.toHaveProperty('passwordHash');
      },
    );

    it('gives the public database letters of months ago, published with their replies, and nothing of today', async () => {
      const page = await sut.get('/public/communications?sort=date', { ip: '10.1.0.2' });
      expect(page.status).toBe(200);
      expect(
        page.body.items.map(
          (item: { type: string; recipient: { code: string } }) => `${item.type} ${item.recipient.code}`,
        ),
      ).toEqual(['OL FRA', 'UA IRN', 'AL BLR']);
      const replies = await Promise.all(
        page.body.items.map(async (item: { url: string }) => (await sut.get(item.url, { ip: '10.1.0.2' })).body),
      );
      expect(
        replies.map((record) => record.replies.map((reply: { confidential: boolean }) => reply.confidential)),
      ).toEqual([[true], [], [false]]);
      expect(JSON.stringify([page.body, replies])).not.toMatch(/Samira|Exemplar/);
      expect(replies.map((record) => record.victims.map((victim: { name: string }) => victim.name))).toEqual([
        [],
        ['[name withheld]', DEMO_VICTIMS.public],
        ['[name withheld]', DEMO_VICTIMS.public],
      ]);
    });

    it('seeding again creates nothing', async () => {
      await expect(demoSeeder().seed(DEMO_PASSWORD)).resolves.toEqual([]);
    });
  });

  describe('credentials', () => {
    beforeAll(async () => {
      await sut.createUser({ username: 'auth.creds', role: Role.Committee });
    });

    it('answers 401 auth.invalid_credentials to a wrong password', async () => {
      const answer = await login('auth.creds', 'wrong-password', '10.2.0.1');
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        statusCode: 401,
        code: 'auth.invalid_credentials',
        message: 'Wrong user name or password',
      });
    });

    it('answers exactly the same to an unknown user name', async () => {
      const wrongPassword = await login('auth.creds', 'wrong-password', '10.2.0.2');
      const unknownUser = await login('auth.nobody', 'wrong-password', '10.2.0.2');
      expect(unknownUser.status).toBe(401);
      expect(unknownUser.body).toEqual(wrongPassword.body);
    });

    it('accepts the user name in any case and with surrounding spaces', async () => {
      const answer = await login('  Auth.Creds ', TEST_PASSWORD, '10.2.0.3');
      expect(answer.status).toBe(200);
    });

    it('answers 401 to a missing, malformed or unknown token', async () => {
      const attempts: Array<Record<string, string>> = [
        {},
        { authorization: 'Basic abc' },
        { authorization: 'Bearer' },
        { authorization: 'Bearer spc_unknown' },
      ];
      for (const headers of attempts) {
        const answer = await sut.get('/me', { headers });
        expect(answer.status).toBe(401);
        expect(answer.body.code).toBe('auth.unauthenticated');
      }
    });

    it('records each login in the audit log without the password', async () => {
      const { id } = await sut.createUser({ username: 'auth.audited', role: Role.Committee });
      const rows: Array<{ action: string; after: Record<string, unknown> }> = await sut
        .dataSource()
        .query(`SELECT action, after FROM audit_event WHERE subject_type = 'user' AND subject_id = $1 ORDER BY seq`, [
          id,
        ]);
      expect(rows.map((row) => row.action)).toEqual(['user.create', 'session.login']);
      expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
    });
  });

  describe('login rate limit', () => {
    it('answers 429 with Retry-After after LOGIN_RATE_LIMIT failures, even with the right password', async () => {
      await sut.createUser({ username: 'auth.limited', role: Role.Committee });
      for (let attempt = 1; attempt <= 4; attempt++) {
        const answer = await login('auth.limited', `wrong-${attempt}`, '10.3.0.1');
        expect(answer.status).toBe(401);
      }
      const refused = await login('auth.limited', TEST_PASSWORD, '10.3.0.1');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'auth.too_many_attempts' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.details).toEqual({ retryAfterSeconds: retryAfter });

      // The limit is per user name and address: the same user elsewhere, and another user here, may still log in.
      expect((await login('auth.limited', TEST_PASSWORD, '10.3.0.2')).status).toBe(200);
      await sut.createUser({ username: 'auth.neighbour', role: Role.Committee });
      expect((await login('auth.neighbour', TEST_PASSWORD, '10.3.0.1')).status).toBe(200);
    });

    it('answers 429 to an address that fails with LOGIN_ADDRESS_RATE_LIMIT user names, even when the attempts come together', async () => {
      await sut.createUser({ username: 'auth.sprayed', role: Role.Committee });
      const names = Array.from({ length: 30 }, (_, index) => `auth.spray.${index}`);
      const answers = await Promise.all(names.map((name) => login(name, 'Winter2026!', '10.6.0.1')));
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(sut.config.env.LOGIN_ADDRESS_RATE_LIMIT);
      expect(statuses.filter((status) => status === 429)).toHaveLength(30 - sut.config.env.LOGIN_ADDRESS_RATE_LIMIT);
      const refused = answers.find((answer) => answer.status === 429)!;
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'auth.too_many_attempts' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);

      // Every user name is refused from that address, the right password included; other addresses are not.
      expect((await login('auth.sprayed', TEST_PASSWORD, '10.6.0.1')).status).toBe(429);
      expect((await login('auth.sprayed', TEST_PASSWORD, '10.6.0.2')).status).toBe(200);
    });

    it('does not count successful logins against their address', async () => {
      await sut.createUser({ username: 'auth.office', role: Role.Committee });
      for (let attempt = 1; attempt <= sut.config.env.LOGIN_ADDRESS_RATE_LIMIT + 2; attempt++) {
        expect((await login('auth.office', TEST_PASSWORD, '10.6.1.1')).status).toBe(200);
      }
      expect((await login('auth.office.typo', 'wrong', '10.6.1.1')).status).toBe(401);
    });

    it('forgets earlier failures after a successful login', async () => {
      await sut.createUser({ username: 'auth.forgiven', role: Role.Committee });
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect((await login('auth.forgiven', 'wrong', '10.4.0.1')).status).toBe(401);
      }
      expect((await login('auth.forgiven', TEST_PASSWORD, '10.4.0.1')).status).toBe(200);
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect((await login('auth.forgiven', 'wrong', '10.4.0.1')).status).toBe(401);
      }
      expect((await login('auth.forgiven', TEST_PASSWORD, '10.4.0.1')).status).toBe(200);
    });

    describe('with a second API instance sharing the Redis prefix', () => {
      let second: TestApp;

      beforeAll(async () => {
        second = await createTestApp({
          env: {
            REDIS_PREFIX: sut.config.env.REDIS_PREFIX,
            LOGIN_RATE_LIMIT: '4',
            LOGIN_ADDRESS_RATE_LIMIT: '8',
            LOGIN_RATE_WINDOW_SECONDS: '60',
          },
        });
      });
      afterAll(() => second.close());

      it('counts the failures made on both instances together', async () => {
        expect(second.config.env.REDIS_PREFIX).toBe(sut.config.env.REDIS_PREFIX);
        // The same account exists in both (separate test databases, shared Redis).
        await sut.createUser({ username: 'auth.shared', role: Role.Committee });
        await second.createUser({ username: 'auth.shared', role: Role.Committee });

        expect((await login('auth.shared', 'wrong', '10.5.0.1', sut)).status).toBe(401);
        expect((await login('auth.shared', 'wrong', '10.5.0.1', sut)).status).toBe(401);
        expect((await login('auth.shared', 'wrong', '10.5.0.1', second)).status).toBe(401);
        expect((await login('auth.shared', 'wrong', '10.5.0.1', second)).status).toBe(401);

        for (const app of [second, sut]) {
          const refused = await login('auth.shared', TEST_PASSWORD, '10.5.0.1', app);
          expect(refused.status).toBe(429);
          expect(refused.body.code).toBe('auth.too_many_attempts');
          expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        }
      });

      it('counts the failures of one address across user names on both instances together', async () => {
        const limit = sut.config.env.LOGIN_ADDRESS_RATE_LIMIT;
        for (let index = 0; index < limit; index++) {
          expect(
            (await login(`auth.spread.${index}`, 'wrong', '10.5.0.9', index % 2 === 0 ? sut : second)).status,
          ).toBe(401);
        }
        for (const app of [second, sut]) {
          expect((await login('auth.spread.last', 'wrong', '10.5.0.9', app)).status).toBe(429);
        }
      });
    });
  });

  describe('sessions', () => {
    it('answers 401 to a token after logout', async () => {
      const { token } = await sut.createUser({ username: 'auth.leaver', role: Role.Committee });
      expect((await sut.get('/me', { token })).status).toBe(200);

      const logout = await sut.post('/auth/logout', undefined, { token });
      expect(logout.status).toBe(204);

      const after = await sut.get('/me', { token });
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('auth.unauthenticated');
      expect((await sut.post('/auth/logout', undefined, { token })).status).toBe(401);
    });

    it('revokes only the session logged out', async () => {
      const { token: first } = await sut.createUser({ username: 'auth.twice', role: Role.Committee });
      const second = await sut.login('auth.twice');
      await sut.post('/auth/logout', undefined, { token: first });
      expect((await sut.get('/me', { token: first })).status).toBe(401);
      expect((await sut.get('/me', { token: second })).status).toBe(200);
    });

    it("answers 401 to a disabled user's token, refuses its login, and lets it in again once enabled", async () => {
      const { id, token } = await sut.createUser({
        username: 'auth.disabled',
        role: Role.Assistant,
        mandates: ['TORTURE'],
      });
      const disabled = await sut.post(`/users/${id}/disable`, undefined, { token: admin });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabledAt).not.toBeNull();

      expect((await sut.get('/me', { token })).status).toBe(401);
      const refused = await login('auth.disabled', TEST_PASSWORD, '10.6.9.1');
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('auth.invalid_credentials');

      expect((await sut.post(`/users/${id}/enable`, undefined, { token: admin })).status).toBe(200);
      expect((await sut.get('/me', { token })).status).toBe(401);
      expect((await login('auth.disabled', TEST_PASSWORD, '10.6.9.1')).status).toBe(200);
    });

    it('revokes every session on a password reset; only the new password works', async () => {
      const { id, token } = await sut.createUser({ username: 'auth.reset', role: Role.Government, stateCode: 'FRA' });
      const other = await sut.login('auth.reset');

      const reset = await sut.post(`/users/${id}/password`, { password: 'a-brand-new-password' }, { token: admin });
      expect(reset.status).toBe(200);

      expect((await sut.get('/me', { token })).status).toBe(401);
      expect((await sut.get('/me', { token: other })).status).toBe(401);
      expect((await login('auth.reset', TEST_PASSWORD, '10.7.0.1')).status).toBe(401);
      const fresh = await login('auth.reset', 'a-brand-new-password', '10.7.0.1');
      expect(fresh.status).toBe(200);
      expect((await sut.get('/me', { token: fresh.body.token })).body).toMatchObject({
        role: Role.Government,
        stateCode: 'FRA',
        mandates: [],
      });
    });

    it('lets only an admin reset a password or disable a user', async () => {
      const { id, token } = await sut.createUser({
        username: 'auth.notadmin',
        role: Role.MandateHolder,
        mandates: ['TORTURE'],
      });
      expect((await sut.post(`/users/${id}/password`, { password: 'another-password-1' }, { token })).status).toBe(403);
      expect((await sut.post(`/users/${id}/disable`, undefined, { token })).status).toBe(403);
      expect((await sut.post(`/users/${id}/disable`)).status).toBe(401);
      expect((await sut.get('/me', { token })).status).toBe(200);
    });

    // Last in the file: it moves the clock past the lifetime of every token issued so far.
    it('answers 401 once the token is older than TOKEN_TTL_HOURS', async () => {
      const { token } = await sut.createUser({ username: 'auth.expiring', role: Role.Committee });
      sut.clock.advance({ hours: 11, minutes: 59 });
      expect((await sut.get('/me', { token })).status).toBe(200);

      sut.clock.advance({ minutes: 1 });
      const expired = await sut.get('/me', { token });
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('auth.unauthenticated');

      expect((await login('auth.expiring', TEST_PASSWORD, '10.8.0.1')).status).toBe(200);
    });
  });
});
