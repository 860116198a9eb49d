import { ALL_VISIT_STATUSES, GovernmentVisitDto } from '@spcomms/visits';
import { Catalogue } from '../../i18n/catalogue';
import { buildPageContext } from '../../render/page-context';
import { portalVisitView } from './portal.view';

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
});
