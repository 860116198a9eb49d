import {
  PublicNeverVisitedDto,
  PublicPendingRequestDto,
  PublicStateVisitsDto,
  PublicVisitsYearDto,
} from '@spcomms/visits';
import { ChartView, chartView } from '../../charts/chart.view';
import { PageContext } from '../../render/page-context';

export interface VisitsView {
  chart: ChartView;
  states: Array<{
    name: string;
    observer: boolean;
    carriedOut: string;
    lastVisitOn: string;
    lastVisitOnIso: string | null;
    agreed: string;
    pending: string;
    invitation: string;
    invitationIso: string | null;
  }>;
  neverVisited: Array<{ name: string; pending: string; invitation: string; invitationIso: string | null }>;
  pending: Array<{
    mandate: string;
    mandateLang: string | null;
    state: string;
    requestedOn: string;
    requestedOnIso: string;
    status: string;
  }>;
  neverVisitedCount: string;
  invitationsCount: string;
}

export interface VisitsTables {
  perYear: PublicVisitsYearDto[];
  states: PublicStateVisitsDto[];
  neverVisited: PublicNeverVisitedDto[];
  pending: PublicPendingRequestDto[];
}

/** The visits page's view model: visits per year as a chart and a table, then the three public tables. */
export function visitsView(tables: VisitsTables, context: PageContext): VisitsView {
  const t = context.t;
  const number = (value: number) => context.format.number(value);
  const date = (value: string | null) => (value ? context.format.date(value) : '–');
  const byName = <T extends { name: string }>(rows: T[]) =>
    rows.sort((a, b) => a.name.localeCompare(b.name, context.lang));
  return {
    chart: chartView(
      {
        id: 'chart-visits',
        title: t('visits.chart.title'),
        categoryHeading: t('visits.chart.year'),
        categories: tables.perYear.map((row) => String(row.year)),
        series: [
          { label: t('visits.chart.visits'), values: tables.perYear.map((row) => row.visitsCarriedOut) },
          { label: t('visits.chart.states'), values: tables.perYear.map((row) => row.statesVisited) },
        ],
        orientation: 'columns',
      },
      context,
    ),
    states: byName(
      tables.states.map((row) => ({
        name: context.format.country(row.stateCode, row.stateName),
        observer: row.stateStatus === 'observer',
        carriedOut: number(row.visitsCarriedOut),
        lastVisitOn: date(row.lastVisitOn),
        lastVisitOnIso: row.lastVisitOn,
        agreed: number(row.visitsAgreed),
        pending: number(row.requestsPending),
        invitation: date(row.standingInvitationSince),
        invitationIso: row.standingInvitationSince,
      })),
    ),
    neverVisited: byName(
      tables.neverVisited.map((row) => ({
        name: context.format.country(row.stateCode, row.stateName),
        pending: number(row.requestsPending),
        invitation: date(row.standingInvitationSince),
        invitationIso: row.standingInvitationSince,
      })),
    ),
    pending: tables.pending.map((row) => ({
      mandate: row.mandateTitle,
      mandateLang: context.lang === 'en' ? null : 'en',
      state: context.format.country(row.stateCode, row.stateName),
      requestedOn: context.format.date(row.requestedOn),
      requestedOnIso: row.requestedOn,
      status: t(`visits.status.${row.status}`),
    })),
    neverVisitedCount: t('visits.neverVisited.count', {
      count: tables.neverVisited.length,
      formatted: number(tables.neverVisited.length),
    }),
    invitationsCount: t('visits.invitations.count', {
      count: tables.states.filter((row) => row.standingInvitationSince !== null).length,
      formatted: number(tables.states.filter((row) => row.standingInvitationSince !== null).length),
    }),
  };
}
