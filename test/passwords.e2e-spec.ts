import { createHash } from 'node:crypto';
import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { TEST_PASSWORD, TestApp, createTestApp } from './support/test-app';

/** Passwords in their users' hands: changing one's own, and one-time links for new and reset accounts. */
describe('passwords', () => {
  let sut: TestApp;
  const clock = new TestClock('2026-04-06T08:00:00Z');
  let admin: string;

  beforeAll(async () => {
    sut = await createTestApp({
      clock,
      env: { TOKEN_TTL_HOURS: '100000', PASSWORD_LINK_TTL_HOURS: '48', LOGIN_RATE_LIMIT: '100' },
    });
    admin = (await sut.createUser({ username: 'pw.admin', role: Role.Admin })).token;
  });
  afterAll(() => sut.close());

  const login = (username: string, password: string) => sut.post('/auth/login', { username, password });
  /** The password links e-mailed to a user, oldest first, with the token of each. */
  const linksMailed = async (userId: string) =>
    (
      (await sut
        .dataSource()
        .query(
          `SELECT kind, template, params FROM outbox_message WHERE recipient_user_id = $1 AND kind LIKE 'account.%' ORDER BY created_at`,
          [userId],
        )) as Array<{ kind: string; template: string; params: Record<string, string> }>
    ).map((row) => ({ ...row, token: new URL(row.params['link.en']!).searchParams.get('token') as string }));

  describe('a user changes their own password (issue 17.13)', () => {
    it('requires the current password, ends the other sessions and keeps this one', async () => {
      const { token } = await sut.createUser({ username: 'pw.self', role: Role.Committee });
      const other = (await login('pw.self', TEST_PASSWORD)).body.token;

      const wrong = await sut.post(
        '/me/password',
        { currentPassword: 'not-the-password', newPassword: 'my-new-password-1' },
        { token },
      );
      expect(wrong.status).toBe(422);
      expect(wrong.body.code).toBe('auth.wrong_password');
      expect(
        (await sut.post('/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' }, { token })).status,
      ).toBe(400);
      expect(
        (await sut.post('/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'my-new-password-1' })).status,
      ).toBe(401);

      const changed = await sut.post(
        '/me/password',
        { currentPassword: TEST_PASSWORD, newPassword: 'my-new-password-1' },
        { token },
      );
      expect(changed.status).toBe(204);
      expect((await sut.get('/me', { token })).status).toBe(200);
      expect((await sut.get('/me', { token: other })).status).toBe(401);
      expect((await login('pw.self', TEST_PASSWORD)).status).toBe(401);
      expect((await login('pw.self', 'my-new-password-1')).status).toBe(200);
      const audit = await sut
        .dataSource()
        .query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'user.change_own_password'`);
      expect(audit[0].n).toBe(1);
    });
  });

  describe('one-time links to set a password (issue 17.13)', () => {
    it('creates a user without a password and e-mails a link that sets it once', async () => {
      const created = await sut.post(
        '/users',
        {
          username: 'pw.new',
          displayName: 'New Assistant',
          email: 'pw.new@test.local',
          role: Role.Assistant,
          mandates: ['EXPRESSION'],
        },
        { token: admin },
      );
      expect(created.status).toBe(201);
      expect((await login('pw.new', '')).status).toBe(400);
      const [mail] = await linksMailed(created.body.id);
      expect(mail).toMatchObject({
        kind: 'account.password_setup',
        template: 'account.password_setup',
        params: { username: 'pw.new', validUntil: '2026-04-08T08:00:00.000Z' },
      });
      expect(mail.token).toMatch(/^spl_/);

      // Stored only as its hash.
      const stored = await sut
        .dataSource()
        .query(`SELECT token_hash FROM password_link WHERE user_id = $1`, [created.body.id]);
      expect(stored).toEqual([{ token_hash: createHash('sha256').update(mail.token).digest('hex') }]);

      expect((await sut.post('/auth/password-link', { token: mail.token, password: 'short' })).status).toBe(400);
      const used = await sut.post('/auth/password-link', { token: mail.token, password: 'chosen-by-me-123' });
      expect(used.status).toBe(204);
      expect((await login('pw.new', 'chosen-by-me-123')).status).toBe(200);

      const again = await sut.post('/auth/password-link', { token: mail.token, password: 'chosen-again-456' });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('password_link.invalid');
      expect((await login('pw.new', 'chosen-again-456')).status).toBe(401);
    });

    it('refuses an expired link', async () => {
      clock.set('2026-04-06T08:00:00Z');
      const created = await sut.post(
        '/users',
        { username: 'pw.late', displayName: 'Late', email: 'pw.late@test.local', role: Role.Committee },
        { token: admin },
      );
      const [mail] = await linksMailed(created.body.id);
      clock.advance({ hours: 48, seconds: 1 });
      const late = await sut.post('/auth/password-link', { token: mail.token, password: 'chosen-too-late-1' });
      expect(late.status).toBe(422);
      expect(late.body.code).toBe('password_link.invalid');
      clock.set('2026-04-06T08:00:00Z');
    });

    it('resets a password by link: the old one and the sessions end, a newer link replaces an older one', async () => {
      const { id, token } = await sut.createUser({ username: 'pw.reset', role: Role.Committee });
      const first = await sut.post(`/users/${id}/password`, {}, { token: admin });
      expect(first.status).toBe(200);
      expect((await sut.get('/me', { token })).status).toBe(401);
      expect((await login('pw.reset', TEST_PASSWORD)).status).toBe(401);
      await sut.post(`/users/${id}/password`, {}, { token: admin });

      const [older, newer] = await linksMailed(id);
      expect([older.kind, newer.kind]).toEqual(['account.password_reset', 'account.password_reset']);
      expect(
        (await sut.post('/auth/password-link', { token: older.token, password: 'from-the-old-link' })).status,
      ).toBe(422);
      expect(
        (await sut.post('/auth/password-link', { token: newer.token, password: 'from-the-new-link' })).status,
      ).toBe(204);
      expect((await login('pw.reset', 'from-the-new-link')).status).toBe(200);
    });

    it('still sets a password by hand when the admin gives one, and refuses links of disabled users', async () => {
      const { id } = await sut.createUser({ username: 'pw.hand', role: Role.Committee });
      expect((await sut.post(`/users/${id}/password`, { password: 'set-by-hand-123' }, { token: admin })).status).toBe(
        200,
      );
      expect(await linksMailed(id)).toEqual([]);
      expect((await login('pw.hand', 'set-by-hand-123')).status).toBe(200);

      await sut.post(`/users/${id}/password`, {}, { token: admin });
      await sut.post(`/users/${id}/disable`, {}, { token: admin });
      const [mail] = await linksMailed(id);
      expect((await sut.post('/auth/password-link', { token: mail.token, password: 'while-disabled-1' })).status).toBe(
        422,
      );
    });

    it('answers 400 to a malformed token and 422 to an unknown one', async () => {
      expect((await sut.post('/auth/password-link', { token: 'nope', password: 'whatever-123' })).status).toBe(400);
      const unknown = await sut.post('/auth/password-link', {
        token: `spl_${'A'.repeat(43)}`,
        password: 'whatever-123',
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('password_link.invalid');
    });
  });
});
