import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@spcomms/database';

/**
 * The public statistics read the published projection only (`published_communication`,
 * `published_reply`, written by the publication job with redacted copies): an unpublished letter
 * cannot be counted or listed here, even by mistake.
 */
export interface PublicLetterSelection {
  from: string;
  to: string;
  type?: string;
  recipientCodes?: string[];
  mandateCode?: string;
}

export interface PublicAggregateRow {
  byType: boolean;
  byState: boolean;
  byOther: boolean;
  type: string | null;
  recipientCode: string | null;
  recipientName: string | null;
  otherName: string | null;
  letters: number;
  joint: number;
  withReply: number;
}

export interface PublicMandateRow {
  code: string;
  title: string | null;
  led: number;
  joined: number;
  withReply: number;
}

export interface PublicYearRow {
  year: number;
  letters: number;
  states: number;
  toOthers: number;
  joint: number;
  withReply: number;
}

export interface PublicLetterCsvRow {
  reference: string;
  type: string;
  sent_on: string;
  recipient_code: string;
  recipient_name: string;
  lead_mandate: string;
  mandates: string;
  joint: boolean;
  reply_status: string;
  replies_published: number;
  public_from: string;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function where(selection: PublicLetterSelection, params: Params): string {
  const clauses = [`p.sent_on BETWEEN ${params.add(selection.from)}::date AND ${params.add(selection.to)}::date`];
  if (selection.type) {
    clauses.push(`p.type = ${params.add(selection.type)}`);
  }
  if (selection.recipientCodes) {
    clauses.push(`p.recipient_code = ANY (${params.add(selection.recipientCodes)}::char(3)[])`);
  }
  if (selection.mandateCode) {
    clauses.push(`p.mandate_codes @> ARRAY[${params.add(selection.mandateCode)}::text]`);
  }
  return clauses.join(' AND ');
}

const num = (value: unknown): number => Number(value ?? 0);

@Injectable()
export class PublicStatisticsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async aggregates(selection: PublicLetterSelection): Promise<PublicAggregateRow[]> {
    const params = new Params();
    const rows: Array<Record<string, unknown>> = await this.tx.manager.query(
      `SELECT GROUPING(p.type) = 0 AS by_type, GROUPING(p.recipient_code) = 0 AS by_state, GROUPING(other_name) = 0 AS by_other,
              p.type, p.recipient_code, min(p.recipient_name) AS recipient_name, other_name,
              count(*) AS letters,
              count(*) FILTER (WHERE p.joint) AS joint,
              count(*) FILTER (WHERE p.reply_status <> 'not_replied') AS with_reply
         FROM published_communication p
        CROSS JOIN LATERAL (SELECT CASE WHEN p.recipient_kind = 'other' THEN p.recipient_name END AS other_name) o
        WHERE ${where(selection, params)}
        GROUP BY GROUPING SETS ((), (p.type), (p.recipient_code), (other_name))`,
      params.values,
    );
    return rows.map((row) => ({
      byType: row.by_type as boolean,
      byState: row.by_state as boolean,
      byOther: row.by_other as boolean,
      type: row.type as string | null,
      recipientCode: row.recipient_code === null ? null : String(row.recipient_code).trim(),
      recipientName: row.recipient_name as string | null,
      otherName: row.other_name as string | null,
      letters: num(row.letters),
      joint: num(row.joint),
      withReply: num(row.with_reply),
    }));
  }

  async mandates(selection: PublicLetterSelection): Promise<PublicMandateRow[]> {
    const params = new Params();
    const rows: Array<Record<string, unknown>> = await this.tx.manager.query(
      `SELECT m.code, pm.title,
              count(*) FILTER (WHERE m.code = p.lead_mandate_code) AS led,
              count(*) FILTER (WHERE m.code <> p.lead_mandate_code) AS joined,
              count(*) FILTER (WHERE p.reply_status <> 'not_replied') AS with_reply
         FROM published_communication p
        CROSS JOIN LATERAL unnest(p.mandate_codes) AS m(code)
         LEFT JOIN published_mandate pm ON pm.code = m.code
        WHERE ${where(selection, params)}
        GROUP BY m.code, pm.title`,
      params.values,
    );
    return rows.map((row) => ({
      code: row.code as string,
      title: row.title as string | null,
      led: num(row.led),
      joined: num(row.joined),
      withReply: num(row.with_reply),
    }));
  }

  /** Published replies (corrections excluded) received in [from, to]. */
  async repliesReceived(from: string, to: string): Promise<number> {
    const [row]: Array<{ count: string }> = await this.tx.manager.query(
      `SELECT count(*) FROM published_reply WHERE received_on BETWEEN $1::date AND $2::date AND corrects_number IS NULL`,
      [from, to],
    );
    return num(row.count);
  }

  async years(fromYear: number, toYear: number): Promise<PublicYearRow[]> {
    const rows: Array<Record<string, unknown>> = await this.tx.manager.query(
      `SELECT p.sent_year AS year,
              count(*) AS letters,
              count(DISTINCT p.recipient_code) FILTER (WHERE p.recipient_kind = 'state') AS states,
              count(*) FILTER (WHERE p.recipient_kind = 'other') AS to_others,
              count(*) FILTER (WHERE p.joint) AS joint,
              count(*) FILTER (WHERE p.reply_status <> 'not_replied') AS with_reply
         FROM published_communication p
        WHERE p.sent_year BETWEEN $1 AND $2
        GROUP BY p.sent_year`,
      [fromYear, toYear],
    );
    return rows.map((row) => ({
      year: num(row.year),
      letters: num(row.letters),
      states: num(row.states),
      toOthers: num(row.to_others),
      joint: num(row.joint),
      withReply: num(row.with_reply),
    }));
  }

  async letterRows(selection: PublicLetterSelection, predicate: string): Promise<PublicLetterCsvRow[]> {
    const params = new Params();
    const rows: PublicLetterCsvRow[] = await this.tx.manager.query(
      `SELECT p.reference, p.type, p.sent_on::text AS sent_on, p.recipient_code, p.recipient_name, p.lead_mandate_code AS lead_mandate,
              array_to_string(ARRAY(SELECT unnest(p.mandate_codes) ORDER BY 1), ' ') AS mandates,
              p.joint, p.reply_status,
              (SELECT count(*) FROM published_reply r WHERE r.communication_id = p.communication_id AND r.corrects_number IS NULL)::int AS replies_published,
              p.public_from::text AS public_from
         FROM published_communication p
        WHERE ${where(selection, params)} AND (${predicate})
        ORDER BY p.sent_on, p.reference`,
      params.values,
    );
    return rows.map((row) => ({ ...row, recipient_code: row.recipient_code.trim() }));
  }
}
