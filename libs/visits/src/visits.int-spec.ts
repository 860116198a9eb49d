import { randomUUID } from 'node:crypto';
import { Role } from '@spcomms/access';
import { DomainEventBus, VisitRequested } from '@spcomms/domain-events';
import { NotificationsRepository, renderMail } from '@spcomms/notifications';
import { SchedulesService } from '@spcomms/schedules';
import { TestContext, createTestContext } from '@spcomms/testing';
import { TransactionHost } from '@spcomms/database';
import { buildUser } from '../../communications/test/letter-fixtures';
import { VisitAnswer, VisitChannel } from './visit-move';
import { VisitMovesService } from './visit-moves.service';
import { VisitRequestSubscriber } from './visit-request.subscriber';
import { VisitStatus } from './visit-status.machine';
import { VisitsModule } from './visits.module';
import { VisitsService } from './visits.service';
import { RecordingSubscriber } from '../../domain-events/test/recording-subscriber';

/** Visit requests and their moves below HTTP, with the real reminder rows and outbox. */
describe('visit requests and moves', () => {
  let ctx: TestContext;
  let visits: VisitsService;
  let moves: VisitMovesService;
  let staff: Awaited<ReturnType<typeof buildUser>>;
  let recorder: RecordingSubscriber<VisitRequested>;

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [VisitsModule] });
    visits = ctx.get(VisitsService);
    moves = ctx.get(VisitMovesService);
    staff = await buildUser(ctx, { role: Role.Assistant, mandates: ['HOUSING'] });
    recorder = new RecordingSubscriber(ctx.get(DomainEventBus), VisitRequested);
  });
  afterAll(() => ctx.close());
  beforeEach(() => {
    recorder.reset();
    ctx.clock.set('2026-03-02T09:00:00Z');
  });

  const reminders = async (visitId: string) =>
    (await ctx.get(SchedulesService).listForSubject({ type: 'visit', id: visitId }))
      .map((row) => [row.state, row.dueAt])
      .sort((a, b) => a[1].localeCompare(b[1]));
  const request = (stateCode: string) =>
    visits.request(staff, { mandateCode: 'HOUSING', stateCode, purpose: 'To assess housing conditions' });

  it('publishes VisitRequested; the first reminder is planned and the focal points told', async () => {
    const focalPoint = await buildUser(ctx, { role: Role.Government, stateCode: 'KEN', language: 'fr' });

    const visit = await request('KEN');

    expect(recorder.heard.map((event) => event.visit)).toEqual([
      { id: visit.id, mandateId: staff.mandateIds[0], stateCode: 'KEN', requestedOn: '2026-03-02' },
    ]);
    expect(await reminders(visit.id)).toEqual([['pending', '2026-09-02T06:00:00.000Z']]);
    const mails = await ctx.get(NotificationsRepository).findForSubject('visit', visit.id);
    expect(mails.map((mail) => [mail.kind, mail.recipientUserId, mail.language, mail.params['state.fr']])).toEqual([
      ['visit.requested', focalPoint.userId, 'fr', 'Kenya'],
    ]);
  });

  it('moves the next reminder with an acknowledgement and cancels it with an acceptance', async () => {
    const focalPoint = await buildUser(ctx, { role: Role.Government, stateCode: 'UGA' });
    const visit = await request('UGA');
    ctx.clock.set('2026-04-15T09:00:00Z');

    await moves.answerAsGovernment(focalPoint, visit.id, { answer: VisitAnswer.Acknowledge });
    expect(await reminders(visit.id)).toEqual([
      ['cancelled', '2026-09-02T06:00:00.000Z'],
      ['pending', '2026-10-15T06:00:00.000Z'],
    ]);

    await moves.recordAnswer(staff, visit.id, {
      answer: VisitAnswer.Accept,
      channel: VisitChannel.NoteVerbale,
      receivedOn: '2026-04-14',
    });
    expect(await reminders(visit.id)).toEqual([
      ['cancelled', '2026-09-02T06:00:00.000Z'],
      ['cancelled', '2026-10-15T06:00:00.000Z'],
    ]);
  });

  it('refuses a move the status does not allow, and changes nothing', async () => {
    const visit = await request('TZA');
    await expect(moves.move(staff, visit.id, { status: VisitStatus.Completed })).rejects.toMatchObject({
      code: expect.any(String),
    });
    expect((await visits.get(staff, visit.id)).status).toBe('requested');
    expect(await reminders(visit.id)).toEqual([['pending', '2026-09-02T06:00:00.000Z']]);
  });

  it('keeps no request when a subscriber fails', async () => {
    recorder.failWith = new Error('the State could not be told');
    await expect(request('RWA')).rejects.toThrow('the State could not be told');
    recorder.failWith = null;
    const kept = async () =>
      Number((await ctx.dataSource.query(`SELECT count(*) FROM visit WHERE state_code = 'RWA'`))[0].count);
    expect(await kept()).toBe(0);
    // The open-request rule would refuse a second request had the first been kept.
    await expect(request('RWA')).resolves.toMatchObject({ status: 'requested' });
    expect(await kept()).toBe(1);
  });

  it('VisitRequestSubscriber on its own: plans the reminder and writes to each focal point in their language', async () => {
    const english = await buildUser(ctx, { role: Role.Government, stateCode: 'ETH', language: 'en' });
    const spanish = await buildUser(ctx, { role: Role.Government, stateCode: 'ETH', language: 'es' });
    const visit = { id: randomUUID(), mandateId: staff.mandateIds[0], stateCode: 'ETH', requestedOn: '2026-01-31' };

    await ctx.get(TransactionHost).run(() => ctx.get(VisitRequestSubscriber).visitRequested(new VisitRequested(visit)));

    expect(await reminders(visit.id)).toEqual([['pending', '2026-07-31T06:00:00.000Z']]);
    const mails = await ctx.get(NotificationsRepository).findForSubject('visit', visit.id);
    expect(
      new Map(mails.map((mail) => [mail.recipientUserId, renderMail(mail.template, mail.language, mail.params).body])),
    ).toEqual(
      new Map([
        [english.userId, expect.stringContaining('asked to visit Ethiopia')],
        [spanish.userId, expect.stringContaining('solicitó visitar Etiopía')],
      ]),
    );
    expect(mails.map((mail) => mail.params['link.es'])).toEqual([
      expect.stringMatching(new RegExp(`/es/portal/visits/${visit.id}$`)),
      expect.stringMatching(new RegExp(`/es/portal/visits/${visit.id}$`)),
    ]);
  });
});
