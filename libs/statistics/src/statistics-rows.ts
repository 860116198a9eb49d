/** The rows the statistics queries answer, the selections they take, and the helpers both repositories share. */

/** Which letters a query reads: sent in [from, until], within a scope, narrowed to one breakdown cell. */
export interface LetterSelection {
  from: string;
  /** The end of the period or the cut-off, whichever comes first. */
  until: string;
  cutoff: string;
  /** Null: every letter; otherwise letters signed by one of these mandates. */
  mandateIds: string[] | null;
  type?: string;
  recipientCodes?: string[];
  /** With `role`: letters the mandate led, or joined as a co-signer. */
  mandate?: { id: string; role?: 'lead' | 'joined' };
}

/** Replies received in [from, until] to letters within the scope; `periodFrom`/`periodTo` split them. */
export interface ReplySelection {
  from: string;
  until: string;
  periodFrom: string;
  periodTo: string;
  mandateIds: string[] | null;
}

/** What is counted of a set of letters: how many, joint, the people concerned, follow-ups and replies. */
export interface LetterCounts {
  letters: number;
  joint: number;
  individuals: number;
  women: number;
  reprisals: number;
  followedUp: number;
  replied: number;
  onTime: number;
}

export interface LetterAggregateRow extends LetterCounts {
  byType: boolean;
  byState: boolean;
  byOther: boolean;
  type: string | null;
  recipientCode: string | null;
  otherRecipientId: string | null;
  medianDays: number | null;
}

export interface MandateAggregateRow {
  mandateId: string;
  led: number;
  joined: number;
  replied: number;
}

export interface ReplyAggregate {
  received: number;
  toPeriod: number;
  toEarlier: number;
  toLater: number;
}

/** Which visits a visit figure lists. */
export type VisitRowsOf = 'requested' | 'accepted' | 'carried_out' | 'pending';

export interface VisitAggregate {
  requested: number;
  accepted: number;
  carriedOut: number;
  countries: number;
  pending: number;
}

export interface TrendRow {
  bucket: string;
  letters: number;
  states: number;
  others: number;
  joint: number;
  individuals: number;
  women: number;
  reprisals: number;
  followedUp: number;
  replied: number;
  onTime: number;
  medianDays: number | null;
}

/** Whose letter a CSV row is about: its internal id (never written out) and whether it is published (C11). */
export interface LetterOfRow {
  communication_id: string;
  published: boolean;
}

export interface LetterCsvRow extends LetterOfRow {
  reference: string;
  type: string;
  sent_on: string;
  recipient_code: string;
  recipient_name: string;
  lead_mandate: string;
  mandates: string;
  joint: boolean;
  individuals: number;
  women: number;
  reprisal: boolean;
  first_reply_on: string | null;
  days_to_reply: number | null;
  replied_on_time: boolean;
  followed_up_on: string | null;
  imported: boolean;
}

export interface ReplyCsvRow extends LetterOfRow {
  reference: string;
  type: string;
  recipient_code: string;
  sent_on: string;
  reply_number: number;
  received_on: string;
  on_time: boolean;
  days_after_sending: number;
}

export interface VisitCsvRow {
  mandate: string;
  state_code: string;
  state_name: string;
  requested_on: string;
  status_at_cutoff: string;
  scheduled_from: string | null;
  scheduled_to: string | null;
}

export interface InvitationCsvRow {
  state_code: string;
  state_name: string;
  issued_on: string;
  withdrawn_on: string | null;
}

/** Builds numbered parameters ($1, $2 …) for one query. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export const num = (value: unknown): number => Number(value ?? 0);
export const nullableNum = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** A row of a trend query (snake-case columns, counts as text) as a TrendRow. */
export function toTrendRow(row: Record<string, unknown>): TrendRow {
  return {
    bucket: row.bucket as string,
    letters: num(row.letters),
    states: num(row.states),
    others: num(row.others),
    joint: num(row.joint),
    individuals: num(row.individuals),
    women: num(row.women),
    reprisals: num(row.reprisals),
    followedUp: num(row.followed_up),
    replied: num(row.replied),
    onTime: num(row.on_time),
    medianDays: nullableNum(row.median_days),
  };
}

/**
 * Reads the fact tables `statistics_letter` and `statistics_reply` (kept by the database on every
 * write) and the visits and standing invitations. Every query takes the scope of the actor.
 */
