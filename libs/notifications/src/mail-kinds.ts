/**
 * The languages in which people receive e-mail: the six languages of the site (a user's `language`;
 * for a Government's focal points, the language their State chose).
 */
export const MAIL_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export function isMailLanguage(value: unknown): value is MailLanguage {
  return typeof value === 'string' && (MAIL_LANGUAGES as readonly string[]).includes(value);
}

export enum MailTemplate {
  /** To Government focal points: a letter was sent to their State. */
  LetterTransmitted = 'letter.transmitted',
  /** To Government focal points: the reply date approaches (C13, 14 days before). */
  ReminderBefore = 'letter.reminder_before',
  /** To Government focal points: the reply is requested today (C13). */
  ReminderDue = 'letter.reminder_due',
  /** To Government focal points: the reply is overdue (C13, 30 days after). */
  ReminderAfter = 'letter.reminder_after',
  /** To Government focal points: the reply date of a letter to their State was extended. */
  ReplyDeadlineExtended = 'letter.deadline_extended',
  /** To Government focal points: their reply was recorded. */
  ReplyReceipt = 'reply.receipt',
  /** To assistants: a reply came in. */
  ReplyReceived = 'reply.received',
  /** To assistants: a letter is overdue. */
  LetterOverdue = 'letter.overdue',
  /** To assistants: a letter is about to become public (C11). */
  PublicationDue = 'publication.due',
  /** To assistants: publication waits for the redaction check (C11, C14). */
  RedactionCheckMissing = 'publication.redaction_check_missing',
  /** To mandate-holders: a draft awaits their approval (C5). */
  ApprovalRequested = 'approval.requested',
  /** To mandate-holders: their approval is still pending. */
  ApprovalReminder = 'approval.reminder',
  /** To Government focal points: a country-visit request is unanswered (V3). */
  VisitRequestReminder = 'visit.request_reminder',
  /** To mandate-holders: a version of a draft awaits their mandate's approval (C5, C6: a new version voids earlier approvals). */
  ApprovalVersion = 'approval.version',
  /** To a new user: a one-time link to set their password. */
  AccountPasswordSetup = 'account.password_setup',
  /** To a user whose password an admin reset: a one-time link to set a new one. */
  AccountPasswordReset = 'account.password_reset',
  /** To Government focal points: a mandate asks to visit their State (V1). */
  VisitRequested = 'visit.requested',
}

/** One e-mail in one language; `{{name}}` is replaced by the parameter of that name. */
export interface MailText {
  subject: string;
  body: string;
}

/** Everything an e-mail needs in one language. */
export interface MailTexts {
  /** The locale in which days and times are written (Intl). */
  locale: string;
  /** Said after a time of day: the time is Geneva's. */
  genevaTime: string;
  /** Appended to every body. */
  footer: string;
  /** Every kind of e-mail: the type makes a missing kind a compile error, a unit test checks it too. */
  templates: Record<MailTemplate, MailText>;
}
