import { ALL_VISIT_STATUSES, VisitDto, VisitPeriodDto, VisitSummaryDto } from '@spcomms/visits';
import { PageContext } from '../../render/page-context';

type Colour = 'blue' | 'green' | 'red' | 'yellow' | 'grey';
type Cell = string | { text: string; href?: string; header?: boolean; tag?: { text: string; colour: Colour } };

/** Channels through which a State answers; the others are the staff's and the system's own moves. */
const STAFF_CHANNELS = ['internal', 'system'];

export function visitColour(status: string): Colour {
  if (['requested', 'reminder_sent', 'acknowledged', 'dates_proposed'].includes(status)) {
    return 'yellow';
  }
  if (['accepted', 'scheduled', 'under_way', 'completed'].includes(status)) {
    return 'green';
  }
  return status === 'declined' ? 'red' : 'grey';
}

function periodText(context: PageContext, value: VisitPeriodDto | null): string {
  return value
    ? context.t('workspace-visits.period', { from: context.format.date(value.from), to: context.format.date(value.to) })
    : '—';
}

export interface WorkspaceVisitsView {
  filters: { status: string };
  statusOptions: Array<{ value: string; text: string }>;
  table: {
    caption: string;
    head: Array<{ text: string }>;
    rows: Cell[][];
  };
  empty: boolean;
  first: string | null;
  next: string | null;
}

/** `/{lang}/workspace/visits`: the visit requests of the person's mandates, filtered by status. */
export function workspaceVisitsView(
  input: { items: VisitSummaryDto[]; nextCursor: string | null; status: string; cursor: boolean },
  context: PageContext,
): WorkspaceVisitsView {
  const { t, format, href } = context;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams({ ...(input.status ? { status: input.status } : {}), ...extra }).toString();
    return href(`/workspace/visits${params ? `?${params}` : ''}`);
  };
  return {
    filters: { status: input.status },
    statusOptions: [
      { value: '', text: t('workspace-visits.filter.any') },
      ...ALL_VISIT_STATUSES.map((status) => ({ value: status, text: t(`workspace-visits.status.${status}`) })),
    ],
    table: {
      caption: t('workspace-visits.list.caption'),
      head: [
        { text: t('workspace-visits.col.state') },
        { text: t('workspace-visits.col.mandate') },
        { text: t('workspace-visits.col.requestedOn') },
        { text: t('workspace-visits.col.scheduled') },
        { text: t('workspace-visits.col.status') },
      ],
      rows: input.items.map((visit) => {
        const status = t(`workspace-visits.status.${visit.status}`);
        return [
          {
            text: format.country(visit.state.code, visit.state.name),
            href: href(`/workspace/visits/${visit.id}`),
            header: true,
          },
          visit.mandate.code,
          format.date(visit.requestedOn),
          periodText(context, visit.scheduledPeriod),
          { text: status, tag: { text: status, colour: visitColour(visit.status) } },
        ];
      }),
    },
    empty: input.items.length === 0,
    first: input.cursor ? query({}) : null,
    next: input.nextCursor ? query({ cursor: input.nextCursor }) : null,
  };
}

export interface WorkspaceVisitView {
  heading: string;
  status: { text: string; colour: Colour };
  rows: Array<{ key: string; value: string }>;
  purpose: string;
  history: Array<{ title: string; datetime: string; dateText: string; text?: string }>;
  answers: Array<{ title: string; datetime: string; dateText: string; text?: string }>;
}

/** `/{lang}/workspace/visits/{id}`: one visit request, read-only, as the mandate's staff see it. */
export function workspaceVisitView(visit: VisitDto, context: PageContext): WorkspaceVisitView {
  const { t, format } = context;
  const event = (change: VisitDto['history'][number]) => {
    const details = [
      t('workspace-visits.history.channel', { channel: t(`workspace-visits.channel.${change.channel}`) }),
      change.period ? periodText(context, change.period) : '',
      change.receivedOn ? t('workspace-visits.history.receivedOn', { date: format.date(change.receivedOn) }) : '',
      change.note ?? '',
    ].filter(Boolean);
    const at = new Date(change.occurredAt);
    return {
      title: t('workspace-visits.history.title', {
        move: t(`workspace-visits.move.${change.move}`),
        status: t(`workspace-visits.status.${change.to}`),
      }),
      datetime: at.toISOString(),
      dateText: format.dateTime(at),
      text: details.join(' · '),
    };
  };
  const status = t(`workspace-visits.status.${visit.status}`);
  return {
    heading: t('workspace-visits.visit.heading', {
      state: format.country(visit.state.code, visit.state.name),
      mandate: visit.mandate.code,
    }),
    status: { text: status, colour: visitColour(visit.status) },
    rows: [
      { key: t('workspace-visits.col.state'), value: format.country(visit.state.code, visit.state.name) },
      { key: t('workspace-visits.col.mandate'), value: `${visit.mandate.code} — ${visit.mandate.title}` },
      { key: t('workspace-visits.col.status'), value: status },
      { key: t('workspace-visits.col.requestedOn'), value: format.date(visit.requestedOn) },
      { key: t('workspace-visits.field.requestedPeriod'), value: periodText(context, visit.requestedPeriod) },
      { key: t('workspace-visits.field.proposedPeriod'), value: periodText(context, visit.proposedPeriod) },
      { key: t('workspace-visits.col.scheduled'), value: periodText(context, visit.scheduledPeriod) },
      {
        key: t('workspace-visits.field.endOfMission'),
        value: visit.endOfMissionOn ? format.date(visit.endOfMissionOn) : '—',
      },
      {
        key: t('workspace-visits.field.reminders'),
        value: format.number(visit.remindersSent),
      },
    ],
    purpose: visit.purpose,
    history: visit.history.map(event),
    answers: visit.history.filter((change) => !STAFF_CHANNELS.includes(change.channel)).map(event),
  };
}
