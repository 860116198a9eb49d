import { VisitStatus } from './visit-status.machine';

/** What happened, as recorded on each status change; each move leads to one status. */
export enum VisitMove {
  Request = 'request',
  Remind = 'remind',
  Acknowledge = 'acknowledge',
  Accept = 'accept',
  /** The State invites the mandate after its request: counts as an acceptance (V1). */
  Invite = 'invite',
  Decline = 'decline',
  ProposeDates = 'propose_dates',
  /** The State accepts the dates the mandate proposed: the visit is scheduled with them. */
  AcceptDates = 'accept_dates',
  Schedule = 'schedule',
  Start = 'start',
  Complete = 'complete',
  Postpone = 'postpone',
  Cancel = 'cancel',
  NoResponse = 'no_response',
}

export const ALL_VISIT_MOVES: readonly VisitMove[] = Object.values(VisitMove);

export const MOVE_TARGET: { readonly [move in VisitMove]: VisitStatus } = {
  [VisitMove.Request]: VisitStatus.Requested,
  [VisitMove.Remind]: VisitStatus.ReminderSent,
  [VisitMove.Acknowledge]: VisitStatus.Acknowledged,
  [VisitMove.Accept]: VisitStatus.Accepted,
  [VisitMove.Invite]: VisitStatus.Accepted,
  [VisitMove.Decline]: VisitStatus.Declined,
  [VisitMove.ProposeDates]: VisitStatus.DatesProposed,
  [VisitMove.AcceptDates]: VisitStatus.Scheduled,
  [VisitMove.Schedule]: VisitStatus.Scheduled,
  [VisitMove.Start]: VisitStatus.UnderWay,
  [VisitMove.Complete]: VisitStatus.Completed,
  [VisitMove.Postpone]: VisitStatus.Postponed,
  [VisitMove.Cancel]: VisitStatus.Cancelled,
  [VisitMove.NoResponse]: VisitStatus.NoResponse,
};

/**
 * The answers a State gives to a request, through the portal or recorded by an assistant. `accept`
 * while dates are proposed accepts the dates the mandate proposed (AcceptDates); `invite` may name the
 * period the State invites for.
 */
export enum VisitAnswer {
  Acknowledge = 'acknowledge',
  Accept = 'accept',
  Invite = 'invite',
  Decline = 'decline',
  ProposeDates = 'propose_dates',
}

export const ALL_VISIT_ANSWERS: readonly VisitAnswer[] = Object.values(VisitAnswer);

export const ANSWER_MOVE: { readonly [answer in VisitAnswer]: VisitMove } = {
  [VisitAnswer.Acknowledge]: VisitMove.Acknowledge,
  [VisitAnswer.Accept]: VisitMove.Accept,
  [VisitAnswer.Invite]: VisitMove.Invite,
  [VisitAnswer.Decline]: VisitMove.Decline,
  [VisitAnswer.ProposeDates]: VisitMove.ProposeDates,
};

/** Statuses the mandate's staff set themselves (the State's answers go through the answers route). */
export const STAFF_TARGETS = [
  VisitStatus.DatesProposed,
  VisitStatus.Scheduled,
  VisitStatus.UnderWay,
  VisitStatus.Completed,
  VisitStatus.Postponed,
  VisitStatus.Cancelled,
  VisitStatus.NoResponse,
] as const;

export type StaffTarget = (typeof STAFF_TARGETS)[number];

export const STAFF_MOVE: { readonly [target in StaffTarget]: VisitMove } = {
  [VisitStatus.DatesProposed]: VisitMove.ProposeDates,
  [VisitStatus.Scheduled]: VisitMove.Schedule,
  [VisitStatus.UnderWay]: VisitMove.Start,
  [VisitStatus.Completed]: VisitMove.Complete,
  [VisitStatus.Postponed]: VisitMove.Postpone,
  [VisitStatus.Cancelled]: VisitMove.Cancel,
  [VisitStatus.NoResponse]: VisitMove.NoResponse,
};

/** How a move reached us. */
export enum VisitChannel {
  /** The State answered in the government portal. */
  Portal = 'portal',
  NoteVerbale = 'note_verbale',
  Letter = 'letter',
  Meeting = 'meeting',
  Email = 'email',
  Other = 'other',
  /** A move made by the mandate's staff. */
  Internal = 'internal',
  /** A move made by the system (reminders). */
  System = 'system',
}

/** Channels an assistant names when recording an answer that did not come through the portal. */
export const RECORDED_ANSWER_CHANNELS = [
  VisitChannel.NoteVerbale,
  VisitChannel.Letter,
  VisitChannel.Meeting,
  VisitChannel.Email,
  VisitChannel.Other,
] as const;

export type RecordedAnswerChannel = (typeof RECORDED_ANSWER_CHANNELS)[number];

/** Moves that carry a period (from/to). */
export const MOVES_WITH_DATES: readonly VisitMove[] = [VisitMove.ProposeDates, VisitMove.Schedule];

/** Moves that may carry a period: an invitation for given dates (recorded as the dates the State proposes). */
export const MOVES_WITH_OPTIONAL_DATES: readonly VisitMove[] = [VisitMove.Invite];
