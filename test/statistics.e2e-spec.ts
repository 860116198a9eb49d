import { Role } from '@spcomms/access';
import { CreatedLetter, StatisticsFactory } from '../libs/statistics/test/statistics-factory';
import { TestApp, createTestApp } from './support/test-app';

/**
 * A data set whose figures are known by construction: period 2025, cut-off 2026-01-31, today 2026-03-02.
 *
 *  letter  sent        type     to      mandates (lead first)          victims                  replies
 *  L1      2025-02-10  UA       IRN     TORTURE, EXPRESSION           2 women, 1 man, 1 group   2025-03-01 on time (19 days)
 *  L2      2025-05-05  AL       IRN     TORTURE                        1 man                    2025-08-20 late (107), corrected 2025-09-01
 *  L3      2025-12-15  AL       CHN     EXPRESSION, DEFENDERS          1 woman; reprisal        2026-01-10 on time (26), across the year
 *  L4      2025-06-01  OL       Acme    EXPRESSION                     1 group                  none
 *  L5      2025-07-01  UA       Acme    TORTURE (EXPRESSION declined)  1 group of women         2026-02-15, after the cut-off
 *  L6      2025-03-03  AL       USA     DEFENDERS, TORTURE, EXPRESSION 1 person                 2025-04-01 on time (29); followed up by L8
 *  L8      2025-10-01  AL       USA     DEFENDERS                      1 man                    none; follows up L6
 *  L11     2025-04-04  JUA→UA   RUS     TORTURE (imported)             1 man                    2025-05-01, no requested date (27)
 *  L9      2024-11-20  AL       IRN     TORTURE                        (earlier letter)         2025-01-15: a reply to an earlier letter
 *  L10     2024-06-01  UA       CHN     EXPRESSION                     (earlier letter)         2024-07-01
 *  L7      2026-01-20  AL       BRA     TORTURE                        (next year)
 *  L13     2026-02-10  AL       IRN     TORTURE, follows up L2         (after the cut-off)
 */
const PERIOD = 'year=2025&cutoff=2026-01-31';

describe('statistics for the Coordination Committee (S)', () => {
  let sut: TestApp;
  let factory: StatisticsFactory;
  let committee: string;
  let admin: string;
  let torture: string;
  let defendersHolder: string;
  const letters: Record<string, CreatedLetter> = {};

  beforeAll(async () => {
    sut = await createTestApp();
    factory = new StatisticsFactory(sut.dataSource());
    committee = (await sut.createUser({ username: 'stats.committee', role: Role.Committee })).token;
    admin = (await sut.createUser({ username: 'stats.admin', role: Role.Admin })).token;
    torture = (await sut.createUser({ username: 'stats.torture', role: Role.Assistant, mandates: ['TORTURE'] })).token;
    defendersHolder = (
      await sut.createUser({ username: 'stats.defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
    ).token;

    const [l9, l10, l1, l2, l3, l4, l5, l6, l11, l7] = await factory.letters([
      { sentOn: '2024-11-20', type: 'AL', to: 'IRN', lead: 'TORTURE' },
      { sentOn: '2024-06-01', type: 'UA', to: 'CHN', lead: 'EXPRESSION' },
      {
        sentOn: '2025-02-10',
        type: 'UA',
        to: 'IRN',
        lead: 'TORTURE',
        cosigners: ['EXPRESSION'],
        victims: [{ gender: 'female' }, { gender: 'female' }, { gender: 'male' }, { gender: 'female', group: true }],
      },
      { sentOn: '2025-05-05', type: 'AL', to: 'IRN', lead: 'TORTURE', victims: [{ gender: 'male' }] },
      {
        sentOn: '2025-12-15',
        type: 'AL',
        to: 'CHN',
        lead: 'EXPRESSION',
        cosigners: ['DEFENDERS'],
        victims: [{ gender: 'female' }],
        reprisal: true,
      },
      {
        sentOn: '2025-06-01',
        type: 'OL',
        otherRecipient: 'Acme Mining Ltd',
        lead: 'EXPRESSION',
        victims: [{ group: true }],
      },
      {
        sentOn: '2025-07-01',
        type: 'UA',
        otherRecipient: 'Acme Mining Ltd',
        lead: 'TORTURE',
        declined: ['EXPRESSION'],
        victims: [{ gender: 'female', group: true }],
      },
      {
        sentOn: '2025-03-03',
        type: 'AL',
        to: 'USA',
        lead: 'DEFENDERS',
        cosigners: ['TORTURE', 'EXPRESSION'],
        victims: [{ gender: 'unknown' }],
      },
      { sentOn: '2025-04-04', type: 'UA', legacyType: 'JUA', to: 'RUS', lead: 'TORTURE', replyRequestedBy: null },
      { sentOn: '2026-01-20', type: 'AL', to: 'BRA', lead: 'TORTURE' },
    ]);
    Object.assign(letters, { l1, l2, l3, l4, l5, l6, l7, l9, l10, l11 });
    letters.l8 = await factory.letter({
      sentOn: '2025-10-01',
      type: 'AL',
      to: 'USA',
      lead: 'DEFENDERS',
      followsUp: [l6.id],
    });
    letters.l13 = await factory.letter({
      sentOn: '2026-02-10',
      type: 'AL',
      to: 'IRN',
      lead: 'TORTURE',
      followsUp: [l2.id],
    });
    const [, , l2Reply] = await factory.replies([
      { letter: l9.id, receivedOn: '2025-01-15' },
      { letter: l10.id, receivedOn: '2024-07-01' },
      { letter: l2.id, receivedOn: '2025-08-20' },
      { letter: l1.id, receivedOn: '2025-03-01' },
      { letter: l3.id, receivedOn: '2026-01-10' },
      { letter: l5.id, receivedOn: '2026-02-15' },
      { letter: l6.id, receivedOn: '2025-04-01' },
      { letter: l11.id, receivedOn: '2025-05-01' },
    ]);
    await factory.reply({ letter: l2.id, receivedOn: '2025-09-01', correctsReplyId: l2Reply });
    // Published by today (2026-03-02) are the letters sent 60 days before or earlier: all but L7 and L13.
    await factory.publish([l9, l10, l1, l2, l3, l4, l5, l6, l11, letters.l8].map((letter) => letter.id));

    const moves = (...list: Array<[string, string, string]>) => list.map(([to, move, at]) => ({ to, move, at }));
    await factory.visit({
      mandate: 'TORTURE',
      state: 'IRN',
      requestedOn: '2024-03-01',
      scheduledFrom: '2025-04-07',
      scheduledTo: '2025-04-18',
      moves: moves(
        ['accepted', 'accept', '2024-06-01T09:00:00Z'],
        ['scheduled', 'schedule', '2024-12-01T09:00:00Z'],
        ['under_way', 'start', '2025-04-07T06:00:00Z'],
        ['completed', 'complete', '2025-04-18T16:00:00Z'],
      ),
    });
    await factory.visit({
      mandate: 'EXPRESSION',
      state: 'CHN',
      requestedOn: '2025-01-10',
      scheduledFrom: '2025-09-20',
      scheduledTo: '2025-09-30',
      moves: moves(
        ['accepted', 'invite', '2025-02-01T09:00:00Z'],
        ['scheduled', 'schedule', '2025-05-01T09:00:00Z'],
        ['under_way', 'start', '2025-09-20T06:00:00Z'],
        ['completed', 'complete', '2025-09-30T16:00:00Z'],
      ),
    });
    await factory.visit({
      mandate: 'DEFENDERS',
      state: 'IRN',
      requestedOn: '2025-01-20',
      scheduledFrom: '2025-11-01',
      scheduledTo: '2025-11-10',
      moves: moves(
        ['accepted', 'accept', '2025-03-01T09:00:00Z'],
        ['scheduled', 'schedule', '2025-06-01T09:00:00Z'],
        ['under_way', 'start', '2025-11-01T06:00:00Z'],
        ['completed', 'complete', '2025-11-10T16:00:00Z'],
      ),
    });
    await factory.visit({ mandate: 'TORTURE', state: 'BRA', requestedOn: '2025-05-01' });
    await factory.visit({
      mandate: 'EXPRESSION',
      state: 'USA',
      requestedOn: '2025-02-01',
      moves: moves(
        ['acknowledged', 'acknowledge', '2025-03-01T09:00:00Z'],
        ['accepted', 'accept', '2026-02-10T09:00:00Z'],
      ),
    });
    await factory.visit({
      mandate: 'TORTURE',
      state: 'RUS',
      requestedOn: '2025-02-01',
      moves: moves(['declined', 'decline', '2025-06-01T09:00:00Z']),
    });
    await factory.visit({ mandate: 'DEFENDERS', state: 'EGY', requestedOn: '2026-02-05' });
    // Requested before the period and accepted in it; requested in it and accepted on 1 January 2026 in Geneva.
    await factory.visit({
      mandate: 'EXPRESSION',
      state: 'BRA',
      requestedOn: '2024-10-01',
      moves: moves(['accepted', 'accept', '2025-01-15T09:00:00Z']),
    });
    await factory.visit({
      mandate: 'TORTURE',
      state: 'CHN',
      requestedOn: '2025-06-01',
      moves: moves(['accepted', 'accept', '2025-12-31T23:30:00Z']),
    });
    await factory.visit({
      mandate: 'TORTURE',
      state: 'MEX',
      requestedOn: '2023-05-01',
      scheduledFrom: '2024-05-01',
      scheduledTo: '2024-05-10',
      moves: moves(
        ['accepted', 'accept', '2023-06-01T09:00:00Z'],
        ['scheduled', 'schedule', '2023-12-01T09:00:00Z'],
        ['under_way', 'start', '2024-05-01T06:00:00Z'],
        ['completed', 'complete', '2024-05-10T16:00:00Z'],
      ),
    });
    await factory.standingInvitation('CHE', '2001-01-01');
    await factory.standingInvitation('NOR', '2000-01-01', '2025-06-01');
    await factory.standingInvitation('BRA', '2026-02-01');
    await factory.standingInvitation('MEX', '2010-01-01', '2026-02-20');
  });
  afterAll(() => sut.close());

  async function csv(path: string, token = committee): Promise<Array<Record<string, string>>> {
    const answer = await sut.get(path, { token });
    expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    expect(answer.headers['content-type']).toContain('text/csv');
    const [header, ...lines] = (answer.body as string).trim().split('\r\n');
    const columns = header.split(',');
    return lines
      .filter((line) => line.length > 0)
      .map((line) => Object.fromEntries(line.split(',').map((cell, index) => [columns[index], cell])));
  }

  const refs = (...names: string[]) => names.map((name) => letters[name].reference).sort();

  it('answers every figure of the year as of the cut-off', async () => {
    const { status, body } = await sut.get(`/statistics?${PERIOD}`, { token: committee });

    expect(status).toBe(200);
    expect(body.period).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
      cutoff: '2026-01-31',
      repliesFrom: '2025-01-01',
      repliesTo: '2025-12-31',
      scope: 'all',
      mandates: [],
    });
    const value = (figures: Record<string, { value: number }>) =>
      Object.fromEntries(
        Object.entries(figures).map(([key, figure]) => [
          key,
          typeof figure === 'object' && figure !== null && 'value' in figure ? figure.value : figure,
        ]),
      );
    expect(value(body.letters)).toEqual({
      sent: 8,
      toStates: 6,
      statesAddressed: 4,
      memberStatesAddressed: 4,
      memberStates: 193,
      memberStateShare: 0.0207,
      toOtherRecipients: 2,
      otherRecipients: 1,
      joint: 4,
      jointShare: 0.5,
      individuals: 8,
      women: 3,
      followedUp: 1,
      reprisals: 1,
    });
    expect(value(body.replies)).toEqual({
      lettersReplied: 5,
      replyRate: 0.625,
      lettersRepliedOnTime: 3,
      onTimeRate: 0.375,
      lettersNotReplied: 3,
      medianDaysToReply: 27,
      received: 5,
      toPeriodLetters: 4,
      toEarlierLetters: 1,
      toLaterLetters: 0,
    });
    expect(body.replies.replyRate).toEqual({ value: 0.625, percent: 63, numerator: 5, denominator: 8 });
    expect(body.byType.map(({ csv: _csv, ...row }: { csv: string }) => row)).toEqual([
      { type: 'UA', letters: 3, joint: 2, replied: 2, onTime: 1, replyRate: 0.6667 },
      { type: 'AL', letters: 4, joint: 2, replied: 3, onTime: 2, replyRate: 0.75 },
      { type: 'OL', letters: 1, joint: 0, replied: 0, onTime: 0, replyRate: 0 },
    ]);
    expect(body.byState.map(({ csv: _csv, name: _name, ...row }: { csv: string; name: string }) => row)).toEqual([
      {
        code: 'IRN',
        status: 'member',
        region: 'asia-pacific',
        letters: 2,
        replied: 2,
        onTime: 1,
        replyRate: 1,
        onTimeRate: 0.5,
        medianDaysToReply: 63,
      },
      {
        code: 'OTH',
        status: 'pseudo',
        region: 'other-recipients',
        letters: 2,
        replied: 0,
        onTime: 0,
        replyRate: 0,
        onTimeRate: 0,
        medianDaysToReply: null,
      },
      {
        code: 'USA',
        status: 'member',
        region: 'western-european-others',
        letters: 2,
        replied: 1,
        onTime: 1,
        replyRate: 0.5,
        onTimeRate: 0.5,
        medianDaysToReply: 29,
      },
      {
        code: 'CHN',
        status: 'member',
        region: 'asia-pacific',
        letters: 1,
        replied: 1,
        onTime: 1,
        replyRate: 1,
        onTimeRate: 1,
        medianDaysToReply: 26,
      },
      {
        code: 'RUS',
        status: 'member',
        region: 'eastern-european',
        letters: 1,
        replied: 1,
        onTime: 0,
        replyRate: 1,
        onTimeRate: 0,
        medianDaysToReply: 27,
      },
    ]);
    const regions = Object.fromEntries(
      body.byRegion.map((row: Record<string, unknown>) => [
        row.region,
        [row.recipients, row.letters, row.replied, row.onTime],
      ]),
    );
    expect(regions).toEqual({
      african: [0, 0, 0, 0],
      'asia-pacific': [2, 3, 3, 2],
      'eastern-european': [1, 1, 1, 0],
      'latin-american-caribbean': [0, 0, 0, 0],
      'western-european-others': [1, 2, 1, 1],
      'no-regional-group': [0, 0, 0, 0],
      'other-recipients': [1, 2, 0, 0],
    });
    expect(
      body.byMandate.map(({ code, letters: count, led, joined, replied }: Record<string, unknown>) => ({
        code,
        count,
        led,
        joined,
        replied,
      })),
    ).toEqual([
      { code: 'TORTURE', count: 5, led: 4, joined: 1, replied: 4 },
      { code: 'EXPRESSION', count: 4, led: 2, joined: 2, replied: 3 },
      { code: 'DEFENDERS', count: 3, led: 2, joined: 1, replied: 2 },
    ]);
    expect(value(body.visits)).toEqual({
      requested: 6,
      accepted: 3,
      carriedOut: 3,
      countriesVisited: 2,
      requestsPending: 2,
      standingInvitations: 2,
    });
  });

  it('expands every letter figure into the CSV of the letters it counts', async () => {
    const { body } = await sut.get(`/statistics?${PERIOD}`, { token: committee });
    const expected: Array<[string, { value: number; csv: string }, string[]]> = [
      ['sent', body.letters.sent, refs('l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l8', 'l11')],
      ['toStates', body.letters.toStates, refs('l1', 'l2', 'l3', 'l6', 'l8', 'l11')],
      ['toOtherRecipients', body.letters.toOtherRecipients, refs('l4', 'l5')],
      ['joint', body.letters.joint, refs('l1', 'l3', 'l6', 'l11')],
      ['followedUp', body.letters.followedUp, refs('l6')],
      ['reprisals', body.letters.reprisals, refs('l3')],
      ['lettersReplied', body.replies.lettersReplied, refs('l1', 'l2', 'l3', 'l6', 'l11')],
      ['lettersRepliedOnTime', body.replies.lettersRepliedOnTime, refs('l1', 'l3', 'l6')],
      ['lettersNotReplied', body.replies.lettersNotReplied, refs('l4', 'l5', 'l8')],
    ];
    for (const [name, figure, references] of expected) {
      const rows = await csv(figure.csv);
      expect({ name, references: rows.map((row) => row.reference).sort() }).toEqual({ name, references });
      expect({ name, count: rows.length }).toEqual({ name, count: figure.value });
    }
    const individuals = await csv(body.letters.individuals.csv);
    expect(individuals.reduce((sum, row) => sum + Number(row.individuals), 0)).toBe(body.letters.individuals.value);
    const women = await csv(body.letters.women.csv);
    expect(women.map((row) => row.reference).sort()).toEqual(refs('l1', 'l3'));
    expect(women.reduce((sum, row) => sum + Number(row.women), 0)).toBe(3);
    const replied = await csv(body.replies.lettersReplied.csv);
    expect(
      Object.fromEntries(
        replied.map((row) => [row.reference, [row.first_reply_on, row.days_to_reply, row.replied_on_time]]),
      ),
    ).toEqual({
      [letters.l1.reference]: ['2025-03-01', '19', 'true'],
      [letters.l2.reference]: ['2025-08-20', '107', 'false'],
      [letters.l3.reference]: ['2026-01-10', '26', 'true'],
      [letters.l6.reference]: ['2025-04-01', '29', 'true'],
      [letters.l11.reference]: ['2025-05-01', '27', 'false'],
    });
    const imported = (await csv(body.letters.sent.csv)).find((row) => row.reference === letters.l11.reference);
    expect(imported).toMatchObject({ type: 'UA', joint: 'true', imported: 'true', mandates: 'TORTURE' });
  });

  it('expands the replies received, split by the date of their letters', async () => {
    const { body } = await sut.get(`/statistics?${PERIOD}`, { token: committee });
    const received = await csv(body.replies.received.csv);
    expect(received.map((row) => [row.reference, row.received_on])).toEqual([
      [letters.l9.reference, '2025-01-15'],
      [letters.l1.reference, '2025-03-01'],
      [letters.l6.reference, '2025-04-01'],
      [letters.l11.reference, '2025-05-01'],
      [letters.l2.reference, '2025-08-20'],
    ]);
    expect((await csv(body.replies.toPeriodLetters.csv)).map((row) => row.reference).sort()).toEqual(
      refs('l1', 'l2', 'l6', 'l11'),
    );
    expect((await csv(body.replies.toEarlierLetters.csv)).map((row) => row.reference)).toEqual(refs('l9'));
    expect(await csv(body.replies.toLaterLetters.csv)).toEqual([]);
  });

  it('expands each breakdown row into its letters', async () => {
    const { body } = await sut.get(`/statistics?${PERIOD}`, { token: committee });
    const row = (list: Array<Record<string, any>>, key: string, value: string) =>
      list.find((candidate) => candidate[key] === value)!;
    expect((await csv(row(body.byState, 'code', 'IRN').csv)).map((line) => line.reference).sort()).toEqual(
      refs('l1', 'l2'),
    );
    expect((await csv(row(body.byState, 'code', 'OTH').csv)).map((line) => line.recipient_name)).toEqual([
      'Acme Mining Ltd',
      'Acme Mining Ltd',
    ]);
    expect((await csv(row(body.byType, 'type', 'UA').csv)).map((line) => line.reference).sort()).toEqual(
      refs('l1', 'l5', 'l11'),
    );
    expect((await csv(row(body.byRegion, 'region', 'asia-pacific').csv)).map((line) => line.reference).sort()).toEqual(
      refs('l1', 'l2', 'l3'),
    );
    expect((await csv(row(body.byMandate, 'code', 'EXPRESSION').csv)).map((line) => line.reference).sort()).toEqual(
      refs('l1', 'l3', 'l4', 'l6'),
    );
    const led = await csv(`/statistics/figures/letters-sent.csv?${PERIOD}&mandate=EXPRESSION&mandateRole=lead`);
    expect(led.map((line) => line.reference).sort()).toEqual(refs('l3', 'l4'));
    const joined = await csv(`/statistics/figures/letters-sent.csv?${PERIOD}&mandate=EXPRESSION&mandateRole=joined`);
    expect(joined.map((line) => line.reference).sort()).toEqual(refs('l1', 'l6'));
  });

  it('expands the visit figures and the standing invitations', async () => {
    const { body } = await sut.get(`/statistics?${PERIOD}`, { token: committee });
    const carried = await csv(body.visits.carriedOut.csv);
    expect(carried.map((row) => [row.mandate, row.state_code, row.scheduled_to])).toEqual([
      ['TORTURE', 'IRN', '2025-04-18'],
      ['EXPRESSION', 'CHN', '2025-09-30'],
      ['DEFENDERS', 'IRN', '2025-11-10'],
    ]);
    const pending = await csv(body.visits.requestsPending.csv);
    expect(pending.map((row) => [row.mandate, row.state_code, row.status_at_cutoff])).toEqual([
      ['EXPRESSION', 'USA', 'acknowledged'],
      ['TORTURE', 'BRA', 'requested'],
    ]);
    const invitations = await csv(body.visits.standingInvitations.csv);
    expect(invitations.map((row) => row.state_code).sort()).toEqual(['CHE', 'MEX']);
    const requested = await csv(body.visits.requested.csv);
    expect(requested.map((row) => [row.mandate, row.state_code, row.requested_on])).toEqual([
      ['EXPRESSION', 'CHN', '2025-01-10'],
      ['DEFENDERS', 'IRN', '2025-01-20'],
      ['EXPRESSION', 'USA', '2025-02-01'],
      ['TORTURE', 'RUS', '2025-02-01'],
      ['TORTURE', 'BRA', '2025-05-01'],
      ['TORTURE', 'CHN', '2025-06-01'],
    ]);
    // Accepted in the period: not the request accepted in 2024, nor the one accepted after the cut-off.
    const accepted = await csv(body.visits.accepted.csv);
    expect(accepted.map((row) => [row.mandate, row.state_code, row.status_at_cutoff])).toEqual([
      ['EXPRESSION', 'BRA', 'accepted'],
      ['EXPRESSION', 'CHN', 'completed'],
      ['DEFENDERS', 'IRN', 'completed'],
    ]);
  });

  it('gives the same answer for the same cut-off whatever arrives later', async () => {
    const before = await sut.get(`/statistics?${PERIOD}`, { token: committee });
    const csvBefore = await sut.get(before.body.replies.lettersReplied.csv, { token: committee });

    await factory.reply({ letter: letters.l8.id, receivedOn: '2026-02-20' });
    await factory.reply({ letter: letters.l4.id, receivedOn: '2026-03-01' });
    await factory.letter({ sentOn: '2026-02-25', type: 'AL', to: 'IRN', lead: 'TORTURE', followsUp: [letters.l1.id] });

    const after = await sut.get(`/statistics?${PERIOD}`, { token: committee });
    expect(after.body).toEqual(before.body);
    expect((await sut.get(before.body.replies.lettersReplied.csv, { token: committee })).body).toBe(csvBefore.body);

    const today = await sut.get('/statistics?year=2025', { token: committee });
    expect(today.body.period.cutoff).toBe('2026-03-02');
    expect(today.body.replies.lettersReplied.value).toBe(8);
    expect(today.body.letters.followedUp.value).toBe(3);
  });

  describe('access', () => {
    it('gives administrators what the committee gets', async () => {
      const asCommittee = await sut.get(`/statistics?${PERIOD}`, { token: committee });
      const asAdmin = await sut.get(`/statistics?${PERIOD}`, { token: admin });
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body).toEqual(asCommittee.body);
    });

    it('gives an assistant the figures of the letters of their own mandates only', async () => {
      const { status, body } = await sut.get(`/statistics?${PERIOD}`, { token: torture });
      expect(status).toBe(200);
      expect(body.period).toMatchObject({ scope: 'mandates', mandates: ['TORTURE'] });
      expect(body.letters.sent.value).toBe(5);
      expect(body.replies.lettersReplied.value).toBe(4);
      expect(body.byMandate.map((row: { code: string }) => row.code)).toEqual(['TORTURE']);
      expect(body.visits).toMatchObject({
        requested: { value: 3 },
        accepted: { value: 0 },
        carriedOut: { value: 1 },
        countriesVisited: 1,
        requestsPending: { value: 1 },
      });
      const rows = await csv(body.letters.sent.csv, torture);
      expect(rows.map((row) => row.reference).sort()).toEqual(refs('l1', 'l2', 'l5', 'l6', 'l11'));
      expect(Object.keys(rows[0])).not.toEqual(expect.arrayContaining(['subject']));
      const replies = await csv(body.replies.received.csv, torture);
      expect(replies.map((row) => row.reference).sort()).toEqual(refs('l1', 'l2', 'l6', 'l9', 'l11'));
    });

    it('lists to the committee and administrators no recipient, mandates or reprisal flag of a letter not yet published, and still counts it', async () => {
      const query = 'year=2026&cutoff=2026-02-28';
      const { body } = await sut.get(`/statistics?${query}`, { token: committee });
      expect(body.letters.sent.value).toBeGreaterThanOrEqual(2);
      const keys: string[][] = [];
      for (const token of [committee, admin]) {
        const rows = await csv(body.letters.sent.csv, token);
        expect(rows).toHaveLength(body.letters.sent.value);
        for (const row of rows) {
          expect(row).toMatchObject({
            reference: expect.stringMatching(/^unpublished-[0-9a-f]{12}$/),
            type: 'AL',
            recipient_code: '',
            recipient_name: '',
            lead_mandate: '',
            mandates: '',
            reprisal: '',
          });
          expect(Object.values(row).join(' ')).not.toMatch(/IRN|BRA|Brazil|Iran|TORTURE/);
        }
        keys.push(rows.map((row) => row.reference));
      }
      // The same letter has the same key in every CSV; the staff of its mandates see it whole.
      expect(keys[1]).toEqual(keys[0]);
      const brazil = body.byState.find((line: { code: string }) => line.code === 'BRA');
      expect((await csv(brazil.csv)).map((line) => line.reference)).toEqual([keys[0][0]]);
      const staff = await csv(body.letters.sent.csv, torture);
      expect(staff.map((line) => line.reference)).toEqual(
        expect.arrayContaining([letters.l7.reference, letters.l13.reference]),
      );
      expect(staff.find((line) => line.reference === letters.l7.reference)).toMatchObject({
        recipient_code: 'BRA',
        lead_mandate: 'TORTURE',
        reprisal: 'false',
      });
      // A published letter is listed whole, reprisal flag included.
      const reprisals = await csv(`/statistics/figures/reprisal-letters.csv?${PERIOD}`);
      expect(reprisals).toEqual([
        expect.objectContaining({ reference: letters.l3.reference, recipient_code: 'CHN', reprisal: 'true' }),
      ]);
    });

    it('counts once a letter signed by two of the mandates of an assistant who works for several', async () => {
      const both = (
        await sut.createUser({
          username: 'stats.torture.defenders',
          role: Role.Assistant,
          mandates: ['TORTURE', 'DEFENDERS'],
        })
      ).token;
      const { status, body } = await sut.get(`/statistics?${PERIOD}`, { token: both });
      expect(status).toBe(200);
      expect(body.period).toMatchObject({ scope: 'mandates', mandates: ['DEFENDERS', 'TORTURE'] });
      expect(body.letters.sent.value).toBe(7);
      expect(body.replies.lettersReplied.value).toBe(5);
      expect(
        body.byMandate.map(({ code, letters: count, led, joined, replied }: Record<string, unknown>) => ({
          code,
          count,
          led,
          joined,
          replied,
        })),
      ).toEqual([
        { code: 'TORTURE', count: 5, led: 4, joined: 1, replied: 4 },
        { code: 'DEFENDERS', count: 3, led: 2, joined: 1, replied: 2 },
      ]);
      const rows = await csv(body.letters.sent.csv, both);
      expect(rows.map((row) => row.reference).sort()).toEqual(refs('l1', 'l2', 'l3', 'l5', 'l6', 'l8', 'l11'));
    });

    it('gives a mandate-holder the figures of their mandate', async () => {
      const { body } = await sut.get(`/statistics?${PERIOD}`, { token: defendersHolder });
      expect(body.letters.sent.value).toBe(3);
      expect((await csv(body.letters.sent.csv, defendersHolder)).map((row) => row.reference).sort()).toEqual(
        refs('l3', 'l6', 'l8'),
      );
      const trend = await sut.get('/statistics/trends?year=2025&cutoff=2026-01-31&interval=year', {
        token: defendersHolder,
      });
      expect(trend.body.points).toEqual([expect.objectContaining({ period: '2025', lettersSent: 3 })]);
    });

    it("refuses another mandate's figures to mandate staff, and lets the committee ask for any mandate", async () => {
      const refused = await sut.get(`/statistics?${PERIOD}&mandate=EXPRESSION`, { token: torture });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('statistics.not_your_mandate');
      expect(
        (await sut.get(`/statistics/figures/letters-sent.csv?${PERIOD}&mandate=EXPRESSION`, { token: torture })).status,
      ).toBe(403);
      const narrowed = await sut.get(`/statistics?${PERIOD}&mandate=EXPRESSION`, { token: committee });
      expect(narrowed.body.letters.sent.value).toBe(4);
      expect(narrowed.body.letters.sent.csv).toContain('mandate=EXPRESSION');
    });

    it.each([['/statistics?year=2025'], ['/statistics/trends'], ['/statistics/figures/letters-sent.csv?year=2025']])(
      'refuses %s to a Government (403) and to the public (401)',
      async (path) => {
        const government = (
          await sut.createUser({
            username: `stats.gov.${Math.random().toString(36).slice(2, 8)}`,
            role: Role.Government,
            stateCode: 'IRN',
          })
        ).token;
        const asGovernment = await sut.get(path, { token: government });
        expect(asGovernment.status).toBe(403);
        expect(String(asGovernment.headers['content-type'])).toContain('json');
        const anonymous = await sut.get(path);
        expect(anonymous.status).toBe(401);
      },
    );
  });

  describe('bad input', () => {
    it.each([
      ['a cut-off after today', '/statistics?year=2025&cutoff=2026-03-03', 422, 'statistics.cutoff_in_future'],
      [
        'a period that ends before it starts',
        '/statistics?from=2025-05-01&to=2025-04-30',
        422,
        'statistics.invalid_period',
      ],
      ['a year and dates', '/statistics?year=2025&from=2025-01-01', 422, 'statistics.period_conflict'],
      [
        'a cut-off before the period',
        '/statistics?year=2025&cutoff=2024-12-31',
        422,
        'statistics.cutoff_before_period',
      ],
      ['an unknown mandate', '/statistics?mandate=NOSUCH', 422, 'statistics.unknown_mandate'],
      ['a malformed date', '/statistics?cutoff=31.01.2026', 400, 'validation.failed'],
      ['an unknown figure', '/statistics/figures/letters-invented.csv?year=2025', 400, 'validation.failed'],
      [
        'a letter filter on a reply figure',
        '/statistics/figures/replies-received.csv?year=2025&state=IRN',
        422,
        'statistics.filter_not_applicable',
      ],
      [
        'mandateRole without a mandate',
        '/statistics/figures/letters-sent.csv?year=2025&mandateRole=lead',
        422,
        'statistics.filter_not_applicable',
      ],
      [
        'a trend of more than 600 points',
        '/statistics/trends?from=1950-01-01&to=2026-01-31',
        422,
        'statistics.too_many_points',
      ],
      ['an unknown interval', '/statistics/trends?interval=week', 400, 'validation.failed'],
    ])('answers %s with %s', async (_what, path, status, code) => {
      const answer = await sut.get(path, { token: committee });
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
      expect(answer.body.message).toEqual(expect.any(String));
    });
  });

  it('draws a yearly trend from `from` to 31 December of the year of the cut-off when `to` is left out', async () => {
    const { status, body } = await sut.get('/statistics/trends?interval=year&from=2020-01-01', { token: committee });
    expect(status).toBe(200);
    expect(body.period).toMatchObject({ from: '2020-01-01', to: '2026-12-31' });
    expect(body.points.map((point: { period: string }) => point.period)).toEqual([
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
    // This year's letters are those the figures count (other tests of this file add some).
    const thisYear = (await sut.get('/statistics?year=2026', { token: committee })).body.letters.sent.value;
    expect(body.points.map((point: { lettersSent: number }) => point.lettersSent)).toEqual([
      0,
      0,
      0,
      0,
      2,
      8,
      thisYear,
    ]);
  });

  it('draws the trend per month, with empty months', async () => {
    const { status, body } = await sut.get('/statistics/trends?year=2025&cutoff=2026-01-31', { token: committee });
    expect(status).toBe(200);
    expect(body.points).toHaveLength(12);
    const months = Object.fromEntries(
      body.points.map((point: Record<string, number>) => [
        point.period,
        [point.lettersSent, point.lettersReplied, point.repliesReceived],
      ]),
    );
    expect(months).toMatchObject({
      '2025-01': [0, 0, 1],
      '2025-02': [1, 1, 0],
      '2025-03': [1, 1, 1],
      '2025-04': [1, 1, 1],
      '2025-05': [1, 1, 1],
      '2025-08': [0, 0, 1],
      '2025-12': [1, 1, 0],
    });
    const total = body.points.reduce((sum: number, point: { lettersSent: number }) => sum + point.lettersSent, 0);
    expect(total).toBe(8);
    const december = body.points[11];
    expect((await csv(december.csv)).map((row) => row.reference)).toEqual(refs('l3'));
  });
});
