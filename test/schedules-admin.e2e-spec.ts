import { randomUUID } from 'node:crypto';
import { Role } from '@spcomms/access';
import { TestApp, createTestApp } from './support/test-app';

const METRICS_TOKEN = 'scraper-secret-0123456789';

describe('schedules and e-mail: admin surfaces', () => {
  let sut: TestApp;
  let admin: string;
  let assistant: string;

  const insertOutbox = async (state: 'failed' | 'pending', lastError: string | null) => {
    const id = randomUUID();
    await sut.dataSource().query(
      `INSERT INTO outbox_message (id, kind, subject_type, subject_id, recipient_address, language, template, params, message_id,
                                   state, attempts, next_attempt_at, last_attempt_at, last_error, created_at)
       VALUES ($1, 'letter.reminder_before', 'communication', $2, 'focal.point@mission.example', 'es', 'letter.reminder_before', '{}',
               $3, $4, 3, now(), now(), $5, now())`,
      [id, randomUUID(), `<outbox.${id}@spcomms.local>`, state, lastError],
    );
    return id;
  };

  beforeAll(async () => {
    sut = await createTestApp({ env: { METRICS_TOKEN } });
    admin = (await sut.createUser({ username: 'ops.admin', role: Role.Admin })).token;
    assistant = (await sut.createUser({ username: 'ops.assistant', role: Role.Assistant, mandates: ['TORTURE'] }))
      .token;
  });
  afterAll(() => sut?.close());

  describe('GET /admin/mail/failures', () => {
    it('lists e-mails that failed for good, with the reason, to admins only', async () => {
      const failed = await insertOutbox('failed', 'SMTP 550: mailbox unavailable');
      const pending = await insertOutbox('pending', null);

      const { status, body } = await sut.get('/admin/mail/failures', { token: admin });
      expect(status).toBe(200);
      expect(body.items.map((row: { id: string }) => row.id)).toContain(failed);
      expect(body.items.map((row: { id: string }) => row.id)).not.toContain(pending);
      expect(body.items.find((row: { id: string }) => row.id === failed)).toMatchObject({
        recipientAddress: 'focal.point@mission.example',
        language: 'es',
        attempts: 3,
        lastError: 'SMTP 550: mailbox unavailable',
      });
    });

    it('refuses other roles (403) and anonymous callers (401), and bad paging (400)', async () => {
      expect((await sut.get('/admin/mail/failures', { token: assistant })).status).toBe(403);
      expect((await sut.get('/admin/mail/failures')).status).toBe(401);
      const bad = await sut.get('/admin/mail/failures?limit=0', { token: admin });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('validation.failed');
    });
  });

  describe('GET /metrics', () => {
    it('answers Prometheus text to an admin, with queue depths and open rows', async () => {
      await insertOutbox('failed', 'SMTP 550');
      const { status, body, headers } = await sut.get('/metrics', { token: admin });
      expect(status).toBe(200);
      expect(headers['content-type']).toContain('text/plain');
      expect(body).toContain('spcomms_queue_jobs{queue="schedules",state="waiting"} 0');
      expect(body).toContain('spcomms_queue_jobs{queue="mail",state="failed"} 0');
      expect(body).toMatch(/spcomms_outbox_messages\{state="failed"\} [1-9]/);
      expect(body).toContain('spcomms_schedules{state="overdue"} 0');
    });

    it('answers the scraper holding METRICS_TOKEN, and nobody else', async () => {
      expect((await sut.get('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
      const wrong = await sut.get('/metrics', { headers: { authorization: 'Bearer not-the-token' } });
      expect(wrong.status).toBe(401);
      expect((await sut.get('/metrics')).status).toBe(401);
      expect((await sut.get('/metrics', { token: assistant })).status).toBe(403);
    });
  });

  describe('GET /health', () => {
    it('answers anyone up or down only, without queue depths or counts', async () => {
      for (const token of [undefined, assistant]) {
        const { status, body } = await sut.get('/health', { token });
        expect(status).toBe(200);
        expect(body).toEqual({ status: 'ok' });
      }
    });

    it('shows the scraper holding METRICS_TOKEN the state of each dependency', async () => {
      const { status, body } = await sut.get('/health', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(status).toBe(200);
      expect(body.details).toMatchObject({
        postgres: { status: 'up' },
        redis: { status: 'up' },
        queues: { status: 'up', outbox: expect.any(Object) },
      });
    });

    it('shows an admin queue depths and failed counts in its details', async () => {
      const { status, body } = await sut.get('/health', { token: admin });
      expect(status).toBe(200);
      expect(body.details.queues).toMatchObject({
        status: 'up',
        queues: { schedules: { waiting: 0, failed: 0 }, mail: { waiting: 0, failed: 0 } },
        schedules: { pending: 0, failed: 0 },
        outbox: { failed: expect.any(Number) },
      });
    });
  });

  describe('Bull Board at /admin/queues', () => {
    it('is refused without an admin token', async () => {
      expect((await sut.get('/admin/queues')).status).toBe(401);
      expect((await sut.get('/admin/queues/api/queues')).status).toBe(401);
      expect((await sut.get('/admin/queues', { token: assistant })).status).toBe(403);
      expect((await sut.get('/admin/queues/api/queues', { token: assistant })).status).toBe(403);
    });

    it('shows the board and its queues to an admin with a bearer token', async () => {
      const page = await sut.get('/admin/queues', { token: admin });
      expect(page.status).toBe(200);
      expect(String(page.headers['content-type'])).toContain('text/html');
      const api = await sut.get('/admin/queues/api/queues', { token: admin });
      expect(api.status).toBe(200);
      expect(api.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
        'mail',
        'maintenance',
        'schedules',
      ]);
    });

    it('lets a browser in through a board session cookie, which dies with the login', async () => {
      const token = (await sut.createUser({ username: 'ops.browser', role: Role.Admin })).token;
      const opened = await sut.post('/admin/queues/session', {}, { token });
      expect(opened.status).toBe(204);
      const cookie = String(opened.headers['set-cookie']);
      expect(cookie).toMatch(/^spcomms_board=[^;]+; Max-Age=900; Path=\/admin\/queues; HttpOnly; SameSite=Strict$/);
      const pair = cookie.split(';')[0];

      expect((await sut.get('/admin/queues/api/queues', { headers: { cookie: pair } })).status).toBe(200);
      expect((await sut.post('/auth/logout', {}, { token })).status).toBe(204);
      expect((await sut.get('/admin/queues/api/queues', { headers: { cookie: pair } })).status).toBe(401);
    });

    it('never puts the bearer token in the cookie, nor lets the cookie act as one', async () => {
      const token = (await sut.createUser({ username: 'ops.cookie', role: Role.Admin })).token;
      const pair = String((await sut.post('/admin/queues/session', {}, { token })).headers['set-cookie']).split(';')[0];
      const value = decodeURIComponent(pair.split('=').slice(1).join('='));

      expect(value).not.toBe(token);
      expect(value).not.toContain(token);
      expect((await sut.get('/me', { token: value })).status).toBe(401);
      expect((await sut.get('/me', { token })).status).toBe(200);
      expect((await sut.get('/admin/queues/api/queues', { token: value })).status).toBe(401);
      // A bearer token in the cookie does not open the board either.
      expect(
        (await sut.get('/admin/queues/api/queues', { headers: { cookie: `spcomms_board=${token}` } })).status,
      ).toBe(401);
    });

    it('ends the board session after 15 minutes, or when the browser closes it', async () => {
      const token = (await sut.createUser({ username: 'ops.brief', role: Role.Admin })).token;
      const open = async () =>
        String((await sut.post('/admin/queues/session', {}, { token })).headers['set-cookie']).split(';')[0];

      const first = await open();
      sut.clock.advance({ minutes: 14 });
      expect((await sut.get('/admin/queues/api/queues', { headers: { cookie: first } })).status).toBe(200);
      sut.clock.advance({ minutes: 1, seconds: 1 });
      expect((await sut.get('/admin/queues/api/queues', { headers: { cookie: first } })).status).toBe(401);

      const second = await open();
      const closed = await sut.request('DELETE', '/admin/queues/session', undefined, {
        token,
        headers: { cookie: second },
      });
      expect(closed.status).toBe(204);
      expect(String(closed.headers['set-cookie'])).toContain('Max-Age=0');
      expect((await sut.get('/admin/queues/api/queues', { headers: { cookie: second } })).status).toBe(401);
    });

    it('takes a board cookie that does not decode for a stale one, never for an error', async () => {
      const token = (await sut.createUser({ username: 'ops.garbled', role: Role.Admin })).token;
      const garbled = { cookie: 'spcomms_board=%E0%A4%A' };

      expect((await sut.get('/admin/queues/api/queues', { headers: garbled })).status).toBe(401);
      const closed = await sut.request('DELETE', '/admin/queues/session', undefined, { token, headers: garbled });
      expect(closed.status).toBe(204);
      expect(String(closed.headers['set-cookie'])).toBe(
        'spcomms_board=; Max-Age=0; Path=/admin/queues; HttpOnly; SameSite=Strict',
      );
    });

    it('does not give the cookie to other roles', async () => {
      expect((await sut.post('/admin/queues/session', {}, { token: assistant })).status).toBe(403);
    });
  });
});
