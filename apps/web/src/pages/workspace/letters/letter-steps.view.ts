import { MailRecord } from '@spcomms/notifications';
import { AuditEventDto } from '@spcomms/audit';
import { CommunicationDto, TransmissionPreviewDto, VersionDto } from '@spcomms/communications';
import { MandateDto } from '@spcomms/reference';
import { PageContext } from '../../../render/page-context';
import { DiffPart, wordDiff } from '../../../render/word-diff';
import { DateInput } from '../../date-fields';
import { LetterFormError } from './letter-form';
import { Choice, FormErrorsView, errorsView, statusTag } from './letters.view';

/** What every page of one letter shows at its top: which letter, its state, the way back. */
export interface LetterHeading {
  id: string;
  name: string;
  status: { text: string; colour: string };
  back: string;
}

export function letterHeading(letter: CommunicationDto, context: PageContext): LetterHeading {
  return {
    id: letter.id,
    name: letter.reference ?? context.t('letters.heading.draft', { subject: letter.subject }),
    status: statusTag(letter.status, context),
    back: context.href(`/workspace/letters/${letter.id}`),
  };
}

// ---- versions ----

export interface VersionsView {
  letter: LetterHeading;
  lang: string;
  rows: Array<Array<string | { text: string; header?: boolean; numeric?: boolean }>>;
  options: Choice[];
  from: string;
  to: string;
  errors: FormErrorsView;
  comparison: { from: number; to: number; subjectParts: DiffPart[]; bodyParts: DiffPart[] } | null;
}

const contentOf = (version: VersionDto): { subject: string; body: string } => {
  const content = version.content as { subject?: string; body?: string };
  return { subject: content.subject ?? '', body: content.body ?? '' };
};

export function versionsView(
  input: {
    letter: CommunicationDto;
    versions: VersionDto[];
    from: string;
    to: string;
    errors: LetterFormError[];
  },
  context: PageContext,
): VersionsView {
  const { t, format } = context;
  const byNumber = new Map(input.versions.map((version) => [String(version.number), version]));
  const before = byNumber.get(input.from);
  const after = byNumber.get(input.to);
  return {
    letter: letterHeading(input.letter, context),
    lang: input.letter.language,
    rows: input.versions.map((version) => [
      { text: t('letters.versions.number', { number: version.number }), header: true },
      format.dateTime(version.createdAt),
      version.number === input.letter.currentVersion.number ? t('letters.versions.current') : '',
    ]),
    options: input.versions.map((version) => ({
      value: String(version.number),
      text: t('letters.versions.number', { number: version.number }),
    })),
    from: input.from,
    to: input.to,
    errors: errorsView(input.errors, context),
    comparison:
      before && after && input.errors.length === 0
        ? {
            from: before.number,
            to: after.number,
            subjectParts: wordDiff(contentOf(before).subject, contentOf(after).subject),
            bodyParts: wordDiff(contentOf(before).body, contentOf(after).body),
          }
        : null,
  };
}

// ---- approvals and invitations ----

export interface ApprovalsView {
  letter: LetterHeading;
  version: number;
  mandateRows: Array<Array<string | { text: string; header?: boolean; tag?: { text: string; colour: string } }>>;
  decisionRows: Array<Array<string | { text: string; header?: boolean }>>;
  canInvite: boolean;
  invitable: Choice[];
  deadline: DateInput;
  errors: FormErrorsView;
  notice: string | null;
}

export function approvalsView(
  input: {
    letter: CommunicationDto;
    mandates: MandateDto[];
    canInvite: boolean;
    chosen: string[];
    deadline: DateInput;
    errors: LetterFormError[];
    notice: string | null;
  },
  context: PageContext,
): ApprovalsView {
  const { t, format } = context;
  const { letter } = input;
  const titles = new Map(input.mandates.map((mandate) => [mandate.code, mandate.title]));
  const onLetter = new Set(letter.mandates.map((mandate) => mandate.code));
  const active = (participation: string) => participation === 'lead' || participation === 'invited';
  return {
    letter: letterHeading(letter, context),
    version: letter.currentVersion.number,
    mandateRows: letter.mandates.map((mandate) => [
      { text: mandate.title, header: true },
      t(`letters.participation.${mandate.participation}`),
      mandate.signOnDeadline ? format.dateTime(mandate.signOnDeadline) : t('letters.none'),
      {
        text: '',
        tag: !active(mandate.participation)
          ? { text: t('letters.approval.notOnLetter'), colour: 'grey' }
          : mandate.approvedCurrentVersion
            ? { text: t('letters.approval.approved'), colour: 'green' }
            : letter.approvals.some(
                  (approval) =>
                    approval.mandate === mandate.code && approval.current && approval.decision === 'decline',
                )
              ? { text: t('letters.approval.declined'), colour: 'red' }
              : { text: t('letters.approval.awaited'), colour: 'yellow' },
      },
    ]),
    decisionRows: letter.approvals.map((approval) => [
      { text: titles.get(approval.mandate) ?? approval.mandate, header: true },
      t('letters.versions.number', { number: approval.version }),
      t(`letters.decision.${approval.decision}`),
      format.dateTime(approval.decidedAt),
      approval.note ?? '',
    ]),
    canInvite: input.canInvite,
    invitable: input.mandates
      .filter((mandate) => !onLetter.has(mandate.code) && !mandate.endedOn)
      .map((mandate) => ({
        value: mandate.code,
        text: mandate.title,
        checked: input.chosen.includes(mandate.code),
        lang: 'en',
      })),
    deadline: input.deadline,
    errors: errorsView(input.errors, context),
    notice: input.notice,
  };
}

// ---- sending ----

export interface SendView {
  letter: LetterHeading;
  rows: Array<Array<string | { text: string; header?: boolean }>>;
  dates: Array<{ key: string; value: string }>;
  missing: string[];
  version: number;
  errors: FormErrorsView;
}

export function sendView(
  input: {
    letter: CommunicationDto;
    preview: TransmissionPreviewDto;
    mandates: MandateDto[];
    errors: LetterFormError[];
  },
  context: PageContext,
): SendView {
  const { t, format } = context;
  const titles = new Map(input.mandates.map((mandate) => [mandate.code, mandate.title]));
  return {
    letter: letterHeading(input.letter, context),
    rows: input.preview.letters.map((letter) => [
      { text: format.country(letter.recipientCode, letter.recipientName), header: true },
      letter.reference,
    ]),
    dates: [
      { key: t('letters.send.sentOn'), value: format.date(input.preview.sentOn) },
      { key: t('letters.send.replyBy'), value: format.date(input.preview.replyRequestedBy) },
      { key: t('letters.send.publicFrom'), value: format.date(input.preview.publicFrom) },
    ],
    missing: input.preview.missingApprovals.map((code) => titles.get(code) ?? code),
    version: input.preview.version,
    errors: errorsView(input.errors, context),
  };
}

// ---- the timeline ----

export interface TimelineItem {
  title: string;
  datetime: string;
  dateText: string;
  text?: string;
}

const record = (value: object | null): Record<string, unknown> => (value ?? {}) as Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** An event of the letter's audit trail in words: who did what, when, and what it changed. */
export function timelineItem(
  event: AuditEventDto,
  context: PageContext,
  mandateTitles: Map<string, string> = new Map(),
): TimelineItem {
  const { t, format } = context;
  const after = record(event.after);
  const before = record(event.before);
  const who =
    event.actor.type === 'user'
      ? event.actor.label
      : event.actor.type === 'system'
        ? t('letters.timeline.system')
        : (event.actor.label ?? event.actor.type);
  const known =
    context.t(`letters.timeline.action.${event.action}`, { who }) !== `letters.timeline.action.${event.action}`;
  const title = known
    ? t(`letters.timeline.action.${event.action}`, { who })
    : t('letters.timeline.action.other', { who, action: event.action });
  const details: string[] = [];
  if (after.version !== undefined && event.action !== 'communication.transmit') {
    details.push(t('letters.timeline.detail.version', { version: text(after.version) }));
  }
  if (after.reference) {
    details.push(t('letters.timeline.detail.reference', { reference: text(after.reference) }));
  }
  if (after.reason) {
    details.push(t('letters.timeline.detail.reason', { reason: text(after.reason) }));
  }
  const when = text(after.kind).split('.').pop();
  if (event.action.startsWith('communication.reminder') && (when === 'before' || when === 'due' || when === 'after')) {
    details.push(t(`letters.timeline.reminder.${when}`));
  }
  if (Array.isArray(after.mandates)) {
    details.push(t('letters.timeline.detail.mandates', { mandates: after.mandates.join(', ') }));
  }
  if (typeof after.mandateId === 'string') {
    details.push(
      t('letters.timeline.detail.mandates', { mandates: mandateTitles.get(after.mandateId) ?? after.mandateId }),
    );
  }
  if (after.replyRequestedBy && event.action === 'communication.extend_reply_deadline') {
    details.push(
      t('letters.timeline.detail.deadline', {
        before: before.replyRequestedBy ? format.date(text(before.replyRequestedBy)) : t('letters.none'),
        after: format.date(text(after.replyRequestedBy)),
      }),
    );
  }
  if (typeof after.emails === 'number') {
    details.push(t('letters.timeline.detail.emails', { count: after.emails }));
  }
  if (after.note) {
    details.push(t('letters.timeline.detail.note', { note: text(after.note) }));
  }
  return {
    title,
    datetime: event.occurredAt,
    dateText: format.dateTime(event.occurredAt),
    ...(details.length > 0 ? { text: details.join(' · ') } : {}),
  };
}

export interface TimelineView {
  letter: LetterHeading;
  items: TimelineItem[];
  /** The e-mails the letter caused, as rows of the table component: when, what, to whom, where it stands. */
  mails: Array<[string, { text: string; lang: string }, string, string]>;
}

export function timelineView(
  letter: CommunicationDto,
  events: AuditEventDto[],
  mandates: MandateDto[],
  context: PageContext,
  mails: MailRecord[] = [],
): TimelineView {
  const titles = new Map(mandates.map((mandate) => [mandate.id, mandate.title]));
  const { t, format } = context;
  return {
    letter: letterHeading(letter, context),
    items: events.map((event) => timelineItem(event, context, titles)),
    mails: mails.map((mail) => [
      format.dateTime(mail.sentAt ?? mail.createdAt),
      // The kind's code (`letter.reminder.before`) is the same in every language.
      { text: mail.kind, lang: 'en' },
      mail.recipientAddress,
      t(`letters.timeline.mail.state.${mail.state}`),
    ]),
  };
}

// ---- what the letter page adds for its drafting and sending ----

export interface LetterPageExtras {
  notice: string | null;
  abandonReason: string | null;
  pdf: string | null;
  followsUp: Array<{ text: string; href: string }>;
  followedUpBy: Array<{ text: string; href: string }>;
  actions: Array<{ text: string; href: string; id: string; variant?: 'secondary' | 'warning' }>;
}

export const LETTER_NOTICES = ['saved', 'sent', 'abandoned', 'extended', 'replied'] as const;

/** The notice after a form, the links to the letter's other pages and the actions the person may take. */
export function letterPageExtras(
  input: { letter: CommunicationDto; notice: string | null; isAssistant: boolean; isLeadAssistant: boolean },
  context: PageContext,
): LetterPageExtras {
  const { t, href } = context;
  const { letter } = input;
  const base = `/workspace/letters/${letter.id}`;
  const link = (entry: { id: string; reference: string | null }) => ({
    text: entry.reference ?? t('letters.status.draft'),
    href: href(`/workspace/letters/${entry.id}`),
  });
  const actions: LetterPageExtras['actions'] = [];
  const draft = letter.status === 'draft';
  const sent = letter.status === 'sent';
  if (draft && input.isLeadAssistant) {
    actions.push({ text: t('letters.action.edit'), href: href(`${base}/edit`), id: 'action-edit' });
    actions.push({ text: t('letters.action.send'), href: href(`${base}/send`), id: 'action-send' });
  }
  actions.push({
    text: t('letters.action.versions'),
    href: href(`${base}/versions`),
    id: 'action-versions',
    variant: 'secondary',
  });
  actions.push({
    text: draft && input.isLeadAssistant ? t('letters.action.invite') : t('letters.action.approvals'),
    href: href(`${base}/approvals`),
    id: 'action-approvals',
    variant: 'secondary',
  });
  actions.push({
    text: t('letters.action.timeline'),
    href: href(`${base}/timeline`),
    id: 'action-timeline',
    variant: 'secondary',
  });
  if (sent && input.isAssistant) {
    actions.push({
      text: t('letters.action.reply'),
      href: href(`${base}/reply`),
      id: 'action-reply',
      variant: 'secondary',
    });
    actions.push({
      text: t('letters.action.extension'),
      href: href(`${base}/extension`),
      id: 'action-extension',
      variant: 'secondary',
    });
    actions.push({
      text: t('letters.action.followUp'),
      href: href(`/workspace/letters/new?followsUp=${letter.id}`),
      id: 'action-follow-up',
      variant: 'secondary',
    });
  }
  if (draft && input.isAssistant) {
    actions.push({
      text: t('letters.action.abandon'),
      href: href(`${base}/abandon`),
      id: 'action-abandon',
      variant: 'warning',
    });
  }
  const notice = input.notice && (LETTER_NOTICES as readonly string[]).includes(input.notice) ? input.notice : null;
  return {
    notice: notice ? t(`letters.notice.${notice}`, { reference: letter.reference ?? '' }) : null,
    abandonReason: letter.status === 'abandoned' ? letter.abandonReason : null,
    pdf: sent ? href(`${base}/letter.pdf`) : null,
    followsUp: letter.followsUp.map(link),
    followedUpBy: letter.followedUpBy.map(link),
    actions,
  };
}
