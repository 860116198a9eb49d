import { ALL_VISIT_STATUSES, GovernmentVisitDto } from '@spcomms/visits';
import { Catalogue } from '../../i18n/catalogue';
import { buildPageContext } from '../../render/page-context';
import { PortalCommunicationDto } from '@spcomms/communications';
import { portalLetterView } from './portal-letter.view';
import { portalVisitView } from './portal-visits.view';

describe('the portal visit page view', () => {
  const catalogue = new Catalogue();
  const visit = {
    id: '6f1c3c8e-2a4b-4d8e-9b7a-1c2d3e4f5a6b',
    mandate: { id: 'm', code: 'TORTURE', title: 'Special Rapporteur on torture', kind: 'thematic' },
    state: { code: 'IRN', name: 'Iran (Islamic Republic of)' },
    status: 'dates_proposed',
    requestedOn: '2026-03-02',
    scheduledPeriod: null,
    remindersSent: 0,
    standingInvitation: null,
    allowedNext: [],
    requestedPeriod: { from: '2026-06-01', to: '2026-06-10' },
    purpose: 'To assess places of detention',
    proposedPeriod: null,
    endOfMissionOn: null,
    report: null,
    assurances: [],
    history: [],
  } as GovernmentVisitDto;

  it('prints the status and the periods in the page language, a missing period as a dash', () => {
    const context = buildPageContext({ catalogue, lang: 'ru', path: '/', csrf: '', user: null });

    const view = portalVisitView(visit, context);

    expect(view.status).toBe('Предложены даты');
    expect(view.rows.map((row) => row.key)).toEqual([
      'Мандат',
      'Дата запроса',
      'Запрошенные даты',
      'Последние предложенные даты',
      'Согласованные даты',
    ]);
    expect(view.rows[2]!.value).toBe(`с ${context.format.date('2026-06-01')} по ${context.format.date('2026-06-10')}`);
    expect(view.rows[2]!.value).toContain('2026');
    expect(view.rows[3]!.value).toBe('—');
  });

  it('has a word for every status a visit may be in, in every language', () => {
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const) {
      const context = buildPageContext({ catalogue, lang, path: '/', csrf: '', user: null });
      for (const status of ALL_VISIT_STATUSES) {
        expect(portalVisitView({ ...visit, status }, context).status).not.toContain('page.portal');
      }
    }
  });

  const letter = {
    id: '0d6f3a52-4b0a-4c55-8f7e-5d1c2b3a4f60',
    reference: 'UA IRN 5/2026',
    type: 'UA',
    sentOn: '2026-03-02',
    replyRequestedBy: '2026-06-15',
    computedReplyRequestedBy: '2026-05-01',
    replyDays: 60,
    replyDaysLeft: -3,
    replyStatus: 'overdue',
    publicFrom: '2026-05-01',
    mandates: ['Special Rapporteur on freedom of expression'],
    language: 'en',
    subject: 'Subject',
    body: 'Body',
    victims: [],
    lawOrPolicy: null,
    perpetrators: [],
    followsUp: [],
    followedUpBy: [{ id: 'x', reference: 'AL IRN 9/2026' }],
    openedAt: null,
  } as PortalCommunicationDto;

  it('says how the reply date was computed, its extension and the days overdue, in the page language', () => {
    const context = buildPageContext({ catalogue, lang: 'ru', path: '/', csrf: '', user: null });

    const view = portalLetterView(letter, [], context);

    expect(view.deadline.computed).toContain('60');
    expect(view.deadline.computed).toContain(context.format.date('2026-05-01'));
    expect(view.deadline.extended).toBe(
      `Срок ответа продлён с ${context.format.date('2026-05-01')} до ${context.format.date('2026-06-15')}.`,
    );
    expect(view.deadline.left).toBe('просрочено на 3 дня');
    expect(view.status.colour).toBe('red');
    expect(view.pdfHref).toBe('/ru/portal/letters/UA-IRN-5-2026.pdf');
    expect(view.followedUpBy).toEqual([{ text: 'AL IRN 9/2026', href: '/ru/portal/letters/AL-IRN-9-2026' }]);
    expect(portalLetterView({ ...letter, replyRequestedBy: '2026-05-01' }, [], context).deadline.extended).toBeNull();
  });
});
