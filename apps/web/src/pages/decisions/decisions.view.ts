import { AwaitingDecisionDto, CommunicationDto, CommunicationSummaryDto, VersionDto } from '@spcomms/communications';
import { VisitSummaryDto } from '@spcomms/visits';
import { formErrors } from '../../forms/form-errors';
import { PageContext } from '../../render/page-context';
import { DiffPart, wordDiff } from '../../render/word-diff';

type Cell =
  string | { text: string; href?: string; header?: boolean; lang?: string; tag?: { text: string; colour: string } };

/** `/{lang}/workspace/decisions`: the drafts awaiting the holder's decision, oldest sign-on deadline first. */
export interface DecisionsView {
  notice: string | null;
  count: string;
  rows: Cell[][];
  next: string | null;
}

export function decisionsView(
  items: AwaitingDecisionDto[],
  nextCursor: string | null,
  context: PageContext,
  notice: string | null,
): DecisionsView {
  const { t, format, href } = context;
  return {
    notice: notice ? t(notice) : null,
    count: t('decisions.list.count', { count: items.length }),
    rows: items.map((item) => [
      { text: item.letter.subject, href: href(`/workspace/decisions/${item.letter.id}`), header: true },
      t(`page.workspace.letter.type.${item.letter.type}`),
      format.country(item.letter.recipientCode, item.letter.recipientCode),
      { text: item.mandate, lang: 'en' },
      t(`decisions.participation.${item.participation}`),
      format.number(item.version),
      item.signOnDeadline ? format.dateTime(item.signOnDeadline) : t('decisions.list.noDeadline'),
    ]),
    next: nextCursor ? href(`/workspace/decisions?cursor=${encodeURIComponent(nextCursor)}`) : null,
  };
}

/** What the holder's mandate has to decide on this letter, and what it decided last. */
export interface PendingMandate {
  code: string;
  title: string;
}

/** `/{lang}/workspace/decisions/{id}`: the exact version's text, the change since the last one seen, the form. */
export interface DecideView {
  id: string;
  subject: string;
  body: string;
  lang: string;
  version: number;
  versionLabel: string;
  rows: Array<{ key: string; value: string; values?: string[] }>;
  /** The version the holder's mandate last decided on and the change since, or null (first look). */
  lastSeen: { label: string; subject: DiffPart[]; body: DiffPart[]; same: boolean } | null;
  /** The mandates of the holder that may decide now (empty: nothing to decide, no form). */
  pending: PendingMandate[];
  /** Why there is no form, when there is none. */
  nothing: string | null;
  form: { decision: string; note: string; mandate: string };
  errors: ReturnType<typeof formErrors>;
  stale: string | null;
}

/** The text a decision is about: subject and body of a version's content. */
export function versionText(version: VersionDto): { subject: string; body: string } {
  const content = version.content as { subject?: unknown; body?: unknown };
  return {
    subject: typeof content.subject === 'string' ? content.subject : '',
    body: typeof content.body === 'string' ? content.body : '',
  };
}

/**
 * The mandates among the holder's (`codes`) that are asked to sign the letter (lead or invited) and
 * have not decided on its current version.
 */
export function pendingMandates(letter: CommunicationDto, codes: readonly string[]): PendingMandate[] {
  if (letter.status !== 'draft') {
    return [];
  }
  return letter.mandates
    .filter((mandate) => codes.includes(mandate.code) && ['lead', 'invited'].includes(mandate.participation))
    .filter((mandate) => !letter.approvals.some((a) => a.mandate === mandate.code && a.current))
    .map((mandate) => ({ code: mandate.code, title: mandate.title }));
}

/** The latest version one of the holder's mandates decided on, before the current one. */
export function lastDecidedVersion(letter: CommunicationDto, codes: readonly string[]): number | null {
  const seen = letter.approvals
    .filter((approval) => codes.includes(approval.mandate) && approval.version < letter.currentVersion.number)
    .map((approval) => approval.version);
  return seen.length === 0 ? null : Math.max(...seen);
}

export function decideView(
  input: {
    letter: CommunicationDto;
    current: VersionDto;
    previous: VersionDto | null;
    codes: readonly string[];
    form?: { decision: string; note: string; mandate: string };
    errors?: ReturnType<typeof formErrors>;
    stale?: string | null;
  },
  context: PageContext,
): DecideView {
  const { letter, current, previous, codes } = input;
  const { t, format } = context;
  const now = versionText(current);
  const pending = pendingMandates(letter, codes);
  const mine = letter.mandates.filter((mandate) => codes.includes(mandate.code));
  const decidedNow = letter.approvals.find((a) => codes.includes(a.mandate) && a.current);
  const nothing =
    pending.length > 0
      ? null
      : letter.status !== 'draft'
        ? t('decisions.decide.notDraft')
        : decidedNow
          ? t(`decisions.decide.already.${decidedNow.decision}`)
          : t('decisions.decide.notAsked');
  let lastSeen: DecideView['lastSeen'] = null;
  if (previous) {
    const before = versionText(previous);
    lastSeen = {
      label: t('decisions.decide.sinceVersion', { version: previous.number }),
      subject: wordDiff(before.subject, now.subject),
      body: wordDiff(before.body, now.body),
      same: before.subject === now.subject && before.body === now.body,
    };
  }
  return {
    id: letter.id,
    subject: now.subject,
    body: now.body,
    lang: letter.language,
    version: current.number,
    versionLabel: t('decisions.decide.version', { version: current.number }),
    rows: [
      { key: t('page.workspace.letter.type'), value: t(`page.workspace.letter.type.${letter.type}`) },
      {
        key: t('page.workspace.letter.recipient'),
        value: format.country(letter.recipient.code, letter.recipient.name),
      },
      {
        key: t('page.workspace.letter.mandates'),
        value: '',
        values: letter.mandates.map((mandate) =>
          t('page.workspace.letter.mandate', {
            title: mandate.title,
            participation: t(`page.workspace.letter.participation.${mandate.participation}`),
          }),
        ),
      },
      {
        key: t('decisions.decide.signOnBy'),
        value:
          mine
            .map((mandate) => mandate.signOnDeadline)
            .filter((deadline): deadline is Date => deadline !== null)
            .map((deadline) => format.dateTime(deadline))[0] ?? t('decisions.list.noDeadline'),
      },
    ],
    lastSeen,
    pending,
    nothing,
    form: input.form ?? { decision: '', note: '', mandate: pending.length === 1 ? pending[0]!.code : '' },
    errors: input.errors ?? formErrors([]),
    stale: input.stale ?? null,
  };
}

/** `/{lang}/workspace/mandates`: the letters and visits of the holder's mandates, read-only. */
export interface HolderMandatesView {
  letters: Cell[][];
  lettersNext: string | null;
  visits: Cell[][];
  visitsNext: string | null;
}

const STATUS_COLOURS: Record<string, string> = { draft: 'yellow', sent: 'green', abandoned: 'grey' };

export function holderMandatesView(
  letters: { items: CommunicationSummaryDto[]; nextCursor: string | null },
  visits: { items: VisitSummaryDto[]; nextCursor: string | null },
  query: { letters?: string; visits?: string },
  context: PageContext,
): HolderMandatesView {
  const { t, format, href } = context;
  const link = (part: 'letters' | 'visits', cursor: string) => {
    const params = new URLSearchParams();
    if (part === 'letters') {
      params.set('letters', cursor);
      if (query.visits) params.set('visits', query.visits);
    } else {
      if (query.letters) params.set('letters', query.letters);
      params.set('visits', cursor);
    }
    return href(`/workspace/mandates?${params.toString()}`);
  };
  return {
    letters: letters.items.map((letter) => [
      {
        text: letter.reference ?? letter.subject,
        href: href(`/workspace/letters/${letter.id}`),
        header: true,
      },
      letter.reference ? letter.subject : t('page.workspace.letter.draft'),
      format.country(letter.recipientCode, letter.recipientCode),
      { text: letter.leadMandate, lang: 'en' },
      {
        text: t(`page.workspace.letter.status.${letter.status}`),
        tag: {
          text: t(`page.workspace.letter.status.${letter.status}`),
          colour: STATUS_COLOURS[letter.status] ?? 'grey',
        },
      },
      letter.sentOn ? format.date(letter.sentOn) : t('page.workspace.letter.none'),
    ]),
    lettersNext: letters.nextCursor ? link('letters', letters.nextCursor) : null,
    visits: visits.items.map((visit) => [
      { text: format.country(visit.state.code, visit.state.code), header: true },
      { text: visit.mandate.code, lang: 'en' },
      t(`page.portal.visit.status.${visit.status}`),
      format.date(visit.requestedOn),
      visit.scheduledPeriod
        ? t('decisions.visit.period', {
            from: format.date(visit.scheduledPeriod.from),
            to: format.date(visit.scheduledPeriod.to),
          })
        : t('page.workspace.letter.none'),
    ]),
    visitsNext: visits.nextCursor ? link('visits', visits.nextCursor) : null,
  };
}
