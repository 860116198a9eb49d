import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@spcomms/access';
import { TestApp, createTestApp } from './support/test-app';

function readTsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(__dirname, '..', 'libs', 'reference', 'data', file), 'utf8')
    .trim()
    .split('\n');
  const columns = header.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((cell, index) => [columns[index], cell.trim()])));
}

describe('reference data', () => {
  let sut: TestApp;
  let admin: string;

  beforeAll(async () => {
    sut = await createTestApp();
    admin = (await sut.createUser({ username: 'ref.admin', role: Role.Admin })).token;
  });
  afterAll(() => sut.close());

  it('lists the 195 States of the reference file plus OTH, named in the six UN languages', async () => {
    const expected = readTsv('un-member-states.tsv');
    const { status, body } = await sut.get('/states');

    expect(status).toBe(200);
    expect(body).toHaveLength(196);
    for (const row of expected) {
      const state = body.find((candidate: { code: string }) => candidate.code === row.iso3);
      expect(state).toMatchObject({ name: row.name, status: row.status });
      for (const language of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
        expect(state.names[language]).toEqual(expect.any(String));
        expect(state.names[language].length).toBeGreaterThan(1);
      }
    }
    expect(body.filter((state: { status: string }) => state.status === 'member')).toHaveLength(193);
    expect(body.find((state: { code: string }) => state.code === 'OTH')).toMatchObject({ status: 'pseudo' });
    expect(body.find((state: { code: string }) => state.code === 'CHN').names.zh).toBe('中国');
    expect(body.find((state: { code: string }) => state.code === 'FRA').names.fr).toBe('France');
  });

  it('lists the 60 mandates of the reference file', async () => {
    const expected = readTsv('mandates.tsv');
    const { status, body } = await sut.get('/mandates');

    expect(status).toBe(200);
    expect(body).toHaveLength(60);
    expect(body.map((mandate: { code: string }) => mandate.code).sort()).toEqual(
      expected.map((row) => row.code).sort(),
    );
    for (const row of expected) {
      expect(body.find((mandate: { code: string }) => mandate.code === row.code)).toMatchObject({
        kind: row.kind,
        form: row.form,
        title: row.title,
        established: Number(row.established),
      });
    }
    expect(body.filter((mandate: { kind: string }) => mandate.kind === 'country')).toHaveLength(14);
  });

  it('lets an admin add, rename and end a mandate, and audits each change', async () => {
    const created = await sut.post(
      '/mandates',
      {
        code: 'NEWMANDATE',
        kind: 'thematic',
        form: 'SR',
        title: 'Special Rapporteur on a new subject',
        established: 2026,
      },
      { token: admin },
    );
    expect(created.status).toBe(201);

    const renamed = await sut.patch(
      `/mandates/${created.body.id}`,
      { title: 'Special Rapporteur on a renamed subject' },
      { token: admin },
    );
    expect(renamed.body.title).toBe('Special Rapporteur on a renamed subject');

    const ended = await sut.post(`/mandates/${created.body.id}/end`, { endedOn: '2026-12-31' }, { token: admin });
    expect(ended.body.endedOn).toBe('2026-12-31');

    const active = await sut.get('/mandates');
    expect(active.body.some((mandate: { code: string }) => mandate.code === 'NEWMANDATE')).toBe(false);
    const all = await sut.get('/mandates?includeEnded=true');
    expect(all.body.some((mandate: { code: string }) => mandate.code === 'NEWMANDATE')).toBe(true);

    const actions = await sut
      .dataSource()
      .query(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY seq`, [created.body.id]);
    expect(actions.map((row: { action: string }) => row.action)).toEqual([
      'mandate.create',
      'mandate.update',
      'mandate.end',
    ]);
  });

  it('refuses a duplicate mandate code with 409', async () => {
    const { status, body } = await sut.post(
      '/mandates',
      { code: 'TORTURE', kind: 'thematic', form: 'SR', title: 'Another torture mandate', established: 2026 },
      { token: admin },
    );
    expect(status).toBe(409);
    expect(body.code).toBe('mandate.code_taken');
  });

  it('refuses a third term of a mandate-holder (M1)', async () => {
    const torture = (await sut.get('/mandates')).body.find((mandate: { code: string }) => mandate.code === 'TORTURE');
    const holder = await sut.post('/mandate-holders', { name: 'Jane Rapporteur' }, { token: admin });

    const first = await sut.post(
      `/mandate-holders/${holder.body.id}/terms`,
      { mandateId: torture.id, startsOn: '2020-08-01' },
      { token: admin },
    );
    expect(first.status).toBe(201);
    expect(first.body.terms[0]).toMatchObject({ number: 1, startsOn: '2020-08-01', endsOn: '2023-07-31' });

    const second = await sut.post(
      `/mandate-holders/${holder.body.id}/terms`,
      { mandateId: torture.id, startsOn: '2023-08-01' },
      { token: admin },
    );
    expect(second.body.terms.map((term: { number: number }) => term.number)).toEqual([1, 2]);

    const third = await sut.post(
      `/mandate-holders/${holder.body.id}/terms`,
      { mandateId: torture.id, startsOn: '2026-08-01' },
      { token: admin },
    );
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('mandate_term.third_term');

    const holders = await sut.get(`/mandates/${torture.id}/holders`);
    expect(holders.body.find((entry: { id: string }) => entry.id === holder.body.id).terms).toHaveLength(2);
  });

  it('records and withdraws a standing invitation, shown on the State (V2)', async () => {
    const issued = await sut.post('/states/che/standing-invitation', { issuedOn: '2001-04-01' }, { token: admin });
    expect(issued.status).toBe(201);
    expect((await sut.get('/states/CHE')).body.standingInvitation).toMatchObject({
      issuedOn: '2001-04-01',
      withdrawnOn: null,
    });

    const again = await sut.post('/states/CHE/standing-invitation', { issuedOn: '2002-01-01' }, { token: admin });
    expect(again.status).toBe(409);

    await sut.post('/states/CHE/standing-invitation/withdraw', { withdrawnOn: '2020-01-01' }, { token: admin });
    expect((await sut.get('/states/CHE')).body.standingInvitation).toBeNull();
  });

  it('refuses reference changes to every role but admin', async () => {
    for (const role of [Role.Assistant, Role.MandateHolder, Role.Government, Role.Committee]) {
      const user = await sut.createUser({
        username: `ref.${role}`,
        role,
        mandates: role === Role.Assistant || role === Role.MandateHolder ? ['TORTURE'] : undefined,
        stateCode: role === Role.Government ? 'IRN' : undefined,
      });
      const answer = await sut.post(
        '/mandates',
        {
          code: 'X_' + role.toUpperCase().slice(0, 6),
          kind: 'thematic',
          form: 'SR',
          title: 'Not allowed here',
          established: 2026,
        },
        { token: user.token },
      );
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('access.denied');
    }
    const anonymous = await sut.post('/mandates', {
      code: 'ANON',
      kind: 'thematic',
      form: 'SR',
      title: 'Not allowed',
      established: 2026,
    });
    expect(anonymous.status).toBe(401);
  });
});
