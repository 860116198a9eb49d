import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Test data for the statistics, written straight into the tables with a few multi-row statements (the
 * database's triggers keep the fact tables as they do for the application's own writes). Letters are
 * inserted as drafts with their version, mandates, approvals and follow-up links, then marked sent in
 * one UPDATE, as a transmission does.
 */
export interface LetterSpec {
  sentOn: string;
  type?: 'UA' | 'AL' | 'OL';
  /** Imported letters: their original type (JUA, JAL …); `legacy` is then true. */
  legacyType?: string;
  /** Recipient State (default IRN). */
  to?: string;
  /** A non-State recipient, by name (created when missing); the letter goes to OTH. */
  otherRecipient?: string;
  lead?: string;
  /** Mandates that joined and approved the sent version. */
  cosigners?: string[];
  /** Mandates invited that declined (not on the letter any more). */
  declined?: string[];
  victims?: Array<{ gender?: 'female' | 'male' | 'other' | 'unknown'; group?: boolean }>;
  reprisal?: boolean;
  /** Default: sent on + 60 days. */
  replyRequestedBy?: string | null;
  followsUp?: string[];
}

export interface CreatedLetter {
  id: string;
  reference: string;
}

export interface ReplySpec {
  letter: string;
  receivedOn: string;
  correctsReplyId?: string;
}

export interface VisitSpec {
  mandate: string;
  state: string;
  requestedOn: string;
  /** Moves after the request, each with the instant it was recorded. */
  moves?: Array<{ to: string; move: string; at: string }>;
  scheduledFrom?: string;
  scheduledTo?: string;
  /** Instant the request was recorded (default: noon UTC on requestedOn). */
  requestedAt?: string;
}

function plusDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

export class StatisticsFactory {
  private mandates?: Map<string, string>;
  private counter = 0;

  constructor(private readonly db: DataSource) {}

  async letter(spec: LetterSpec): Promise<CreatedLetter> {
    return (await this.letters([spec]))[0];
  }

  async letters(specs: LetterSpec[]): Promise<CreatedLetter[]> {
    const mandates = await this.mandateIds();
    const idOf = (code: string) => {
      const id = mandates.get(code);
      if (!id) {
        throw new Error(`unknown mandate ${code}`);
      }
      return id;
    };
    const others = await this.otherRecipientIds([
      ...new Set(specs.flatMap((spec) => (spec.otherRecipient ? [spec.otherRecipient] : []))),
    ]);
    const rows = specs.map((spec) => {
      const id = randomUUID();
      const code = spec.otherRecipient ? 'OTH' : (spec.to ?? 'IRN');
      const type = spec.type ?? 'AL';
      const year = Number(spec.sentOn.slice(0, 4));
      const number = 100_000 + ++this.counter;
      const victims = (spec.victims ?? [{ gender: 'male' }]).map((victim, index) => ({
        name: `Victim ${index + 1}`,
        gender: victim.gender ?? 'unknown',
        ageGroup: 'adult',
        nameConfidential: false,
        group: victim.group ?? false,
      }));
      const reprisal = spec.reprisal ?? false;
      const content = {
        type,
        language: 'en',
        recipientCode: code,
        otherRecipientId: spec.otherRecipient ? others.get(spec.otherRecipient) : null,
        coRecipientCodes: [],
        subject: `Letter ${number}`,
        body: 'Facts …',
        victims,
        lawOrPolicy: null,
        perpetrators: [{ name: 'Police', kind: 'state' }],
        themes: [],
        reprisal,
        reprisalConsent: reprisal ? { recordedOn: spec.sentOn, form: 'written' } : null,
      };
      return {
        id,
        version_id: randomUUID(),
        type,
        legacy_type: spec.legacyType ?? null,
        legacy: spec.legacyType !== undefined,
        lead_mandate_id: idOf(spec.lead ?? 'TORTURE'),
        cosigners: (spec.cosigners ?? []).map(idOf),
        declined: (spec.declined ?? []).map(idOf),
        recipient_code: code,
        other_recipient_id: content.otherRecipientId,
        subject: content.subject,
        reprisal,
        reprisal_consent: content.reprisalConsent,
        content,
        reference: `${spec.legacyType ?? type} ${code} ${number}/${year}`,
        ref_number: number,
        ref_year: year,
        sent_on: spec.sentOn,
        sent_at: `${spec.sentOn}T10:00:00Z`,
        reply_requested_by: spec.replyRequestedBy === undefined ? plusDays(spec.sentOn, 60) : spec.replyRequestedBy,
        public_from: plusDays(spec.sentOn, 60),
        follows_up: spec.followsUp ?? [],
      };
    });
    const json = JSON.stringify(rows);
    await this.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO communication (id, type, legacy_type, status, lead_mandate_id, recipient_code, other_recipient_id, language, subject,
                                    reprisal, reprisal_consent, current_version, legacy, created_at, updated_at)
         SELECT x.id, x.type, x.legacy_type, 'draft', x.lead_mandate_id, x.recipient_code, x.other_recipient_id, 'en', x.subject,
                x.reprisal, x.reprisal_consent, 1, x.legacy, x.sent_at, x.sent_at
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, type text, legacy_type text, lead_mandate_id uuid, recipient_code text,
                other_recipient_id uuid, subject text, reprisal boolean, reprisal_consent jsonb, legacy boolean, sent_at timestamptz)`,
        [json],
      );
      await manager.query(
        `INSERT INTO communication_version (id, communication_id, number, content, content_hash, created_at)
         SELECT x.version_id, x.id, 1, x.content, md5(x.content::text) || md5(x.id::text), x.sent_at
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, version_id uuid, content jsonb, sent_at timestamptz)`,
        [json],
      );
      await manager.query(
        `INSERT INTO communication_mandate (communication_id, mandate_id, participation, invited_at)
         SELECT x.id, x.lead_mandate_id, 'lead', x.sent_at FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, lead_mandate_id uuid, sent_at timestamptz)
         UNION ALL
         SELECT x.id, m.id, 'invited', x.sent_at FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, cosigners uuid[], sent_at timestamptz), unnest(x.cosigners) AS m(id)
         UNION ALL
         SELECT x.id, m.id, 'declined', x.sent_at FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, declined uuid[], sent_at timestamptz), unnest(x.declined) AS m(id)`,
        [json],
      );
      await manager.query(
        `INSERT INTO communication_approval (communication_id, version_id, mandate_id, decision, decided_at)
         SELECT x.id, x.version_id, x.lead_mandate_id, 'approve', x.sent_at
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, version_id uuid, lead_mandate_id uuid, sent_at timestamptz)
         UNION ALL
         SELECT x.id, x.version_id, m.id, 'approve', x.sent_at
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, version_id uuid, cosigners uuid[], sent_at timestamptz), unnest(x.cosigners) AS m(id)
         UNION ALL
         SELECT x.id, x.version_id, m.id, 'decline', x.sent_at
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, version_id uuid, declined uuid[], sent_at timestamptz), unnest(x.declined) AS m(id)`,
        [json],
      );
      await manager.query(
        `INSERT INTO communication_follow_up (communication_id, follows_up_id)
         SELECT x.id, f.id FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, follows_up uuid[]), unnest(x.follows_up) AS f(id)`,
        [json],
      );
      await manager.query(
        `UPDATE communication c
            SET status = 'sent', reference = x.reference, ref_code = x.recipient_code, ref_number = x.ref_number, ref_year = x.ref_year,
                sent_at = x.sent_at, sent_on = x.sent_on, reply_requested_by = x.reply_requested_by, public_from = x.public_from
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, reference text, recipient_code text, ref_number integer, ref_year smallint,
                sent_at timestamptz, sent_on date, reply_requested_by date, public_from date)
          WHERE c.id = x.id`,
        [json],
      );
    });
    return rows.map((row) => ({ id: row.id, reference: row.reference }));
  }

  /** Replies recorded by the system (no user), on time when received by the letter's reply-requested date. */
  async replies(specs: ReplySpec[]): Promise<string[]> {
    const rows = specs.map((spec, index) => ({
      id: randomUUID(),
      ord: index,
      letter: spec.letter,
      received_on: spec.receivedOn,
      corrects: spec.correctsReplyId ?? null,
      receipt: `R-T${randomBytes(8).toString('hex').toUpperCase()}`,
    }));
    await this.db.query(
      `INSERT INTO reply (id, communication_id, number, receipt_code, received_on, language, text, confidential, channel,
                          requested_by, on_time, corrects_reply_id, created_at)
       SELECT x.id, x.letter,
              coalesce((SELECT max(r.number) FROM reply r WHERE r.communication_id = x.letter), 0)
                + row_number() OVER (PARTITION BY x.letter ORDER BY x.ord),
              x.receipt, x.received_on, 'en', 'Reply of the Government', false, 'note_verbale',
              c.reply_requested_by, CASE WHEN c.reply_requested_by IS NOT NULL THEN x.received_on <= c.reply_requested_by END,
              x.corrects, x.received_on::timestamptz
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, ord integer, letter uuid, received_on date, corrects uuid, receipt text)
         JOIN communication c ON c.id = x.letter`,
      [JSON.stringify(rows)],
    );
    return rows.map((row) => row.id);
  }

  async reply(spec: ReplySpec): Promise<string> {
    return (await this.replies([spec]))[0];
  }

  /** A visit request with its status history; the row's status is the last move's. */
  async visit(spec: VisitSpec): Promise<string> {
    const id = randomUUID();
    const mandateId = (await this.mandateIds()).get(spec.mandate);
    const requestedAt = spec.requestedAt ?? `${spec.requestedOn}T12:00:00Z`;
    const moves = spec.moves ?? [];
    const status = moves.length > 0 ? moves[moves.length - 1].to : 'requested';
    await this.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO visit (id, mandate_id, state_code, status, requested_on, purpose, scheduled_from, scheduled_to, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'Country visit', $6, $7, $8, $8)`,
        [
          id,
          mandateId,
          spec.state,
          status,
          spec.requestedOn,
          spec.scheduledFrom ?? null,
          spec.scheduledTo ?? null,
          requestedAt,
        ],
      );
      const history = [{ to: 'requested', move: 'request', at: requestedAt }, ...moves];
      for (const [index, move] of history.entries()) {
        await manager.query(
          `INSERT INTO visit_status_change (visit_id, seq, from_status, to_status, move, actor_role, actor_label, channel, occurred_at)
           VALUES ($1, $2, $3, $4, $5, 'assistant', 'test', 'internal', $6)`,
          [id, index + 1, index === 0 ? null : history[index - 1].to, move.to, move.move, move.at],
        );
      }
    });
    return id;
  }

  async standingInvitation(state: string, issuedOn: string, withdrawnOn: string | null = null): Promise<void> {
    await this.db.query(`INSERT INTO standing_invitation (state_code, issued_on, withdrawn_on) VALUES ($1, $2, $3)`, [
      state,
      issuedOn,
      withdrawnOn,
    ]);
  }

  /**
   * Writes the published (public) copy of sent letters and of their replies, as the publication job
   * would once they are public: the public statistics read these rows only.
   */
  async publish(letterIds: string[]): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO published_mandate (code, title)
         SELECT DISTINCT m.code, m.title FROM communication_mandate cm JOIN mandate m ON m.id = cm.mandate_id
          WHERE cm.communication_id = ANY ($1::uuid[]) AND cm.participation IN ('lead', 'invited')
         ON CONFLICT (code) DO NOTHING`,
        [letterIds],
      );
      await manager.query(
        `INSERT INTO published_communication (communication_id, reference, type, language, recipient_code, recipient_kind, recipient_name,
                                              lead_mandate_code, mandate_codes, mandates, joint, sent_on, sent_year, reply_requested_by,
                                              public_from, published_at, subject, body, victims, reply_status, reply_count, last_reply_on)
         SELECT c.id, c.reference, c.type, c.language, c.recipient_code, CASE WHEN c.other_recipient_id IS NULL THEN 'state' ELSE 'other' END,
                coalesce(o.name, s.name), lead.code, signed.codes, signed.mandates, cardinality(signed.codes) >= 2, c.sent_on,
                extract(year FROM c.sent_on), c.reply_requested_by, c.public_from, c.public_from::timestamptz, c.subject, 'Facts …', '[]'::jsonb,
                CASE WHEN replies.count > 0 THEN 'replied' ELSE 'not_replied' END, replies.count, replies.last_on
           FROM communication c
           JOIN mandate lead ON lead.id = c.lead_mandate_id
           LEFT JOIN state s ON s.code = c.recipient_code
           LEFT JOIN other_recipient o ON o.id = c.other_recipient_id
          CROSS JOIN LATERAL (
                SELECT array_agg(m.code ORDER BY m.code) AS codes,
                       jsonb_agg(jsonb_build_object('code', m.code, 'title', m.title, 'lead', m.id = c.lead_mandate_id)) AS mandates
                  FROM communication_mandate cm JOIN mandate m ON m.id = cm.mandate_id
                 WHERE cm.communication_id = c.id AND cm.participation IN ('lead', 'invited')) signed
          CROSS JOIN LATERAL (SELECT count(*)::int AS count, max(r.received_on) AS last_on FROM reply r WHERE r.communication_id = c.id) replies
          WHERE c.id = ANY ($1::uuid[])`,
        [letterIds],
      );
      await manager.query(
        `INSERT INTO published_reply (id, communication_id, number, received_on, confidential, language, text, corrects_number, published_at)
         SELECT r.id, r.communication_id, r.number, r.received_on, false, r.language, r.text,
                (SELECT earlier.number FROM reply earlier WHERE earlier.id = r.corrects_reply_id), r.created_at
           FROM reply r WHERE r.communication_id = ANY ($1::uuid[])`,
        [letterIds],
      );
    });
  }

  private async mandateIds(): Promise<Map<string, string>> {
    if (!this.mandates) {
      const rows: Array<{ id: string; code: string }> = await this.db.query('SELECT id, code FROM mandate');
      this.mandates = new Map(rows.map((row) => [row.code, row.id]));
    }
    return this.mandates;
  }

  private async otherRecipientIds(names: string[]): Promise<Map<string, string>> {
    if (names.length === 0) {
      return new Map();
    }
    await this.db.query(
      `INSERT INTO other_recipient (name, kind) SELECT n, 'company' FROM unnest($1::text[]) AS n ON CONFLICT (name) DO NOTHING`,
      [names],
    );
    const rows: Array<{ id: string; name: string }> = await this.db.query(
      'SELECT id, name FROM other_recipient WHERE name = ANY ($1::text[])',
      [names],
    );
    return new Map(rows.map((row) => [row.name, row.id]));
  }
}
