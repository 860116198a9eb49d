import { AuditEventEntity } from './audit-event.entity';

/** An event to append, with the digest of its content (audit-hash contentDigest). */
export type NewAuditEvent = Omit<AuditEventEntity, 'seq' | 'subjectSeq' | 'prevHash' | 'hash'> & { content: string };

/** The SQL form of audit-hash chainHash. */
const chainHashSql = (prev: string, seq: string, content: string) =>
  `encode(sha256(convert_to(${prev} || ':' || ${seq} || ':' || ${content}, 'UTF8')), 'hex')`;

const APPEND = `WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(ord int, "occurredAt" timestamptz, "actorType" text,
      "actorId" uuid, "actorLabel" text, action text, "subjectType" text, "subjectId" text, before jsonb,
      after jsonb, content text)
  ), head AS (
    INSERT INTO audit_subject_head AS h (subject_type, subject_id, seq, hash, last_content)
    SELECT "subjectType", "subjectId", 1, ${chainHashSql("''", '1', 'content')}, content
      FROM input ORDER BY "subjectType" COLLATE "C", "subjectId" COLLATE "C"
    ON CONFLICT (subject_type, subject_id) DO UPDATE
      SET seq = h.seq + 1, prev_hash = h.hash, last_content = EXCLUDED.last_content,
          hash = ${chainHashSql('h.hash', '(h.seq + 1)', 'EXCLUDED.last_content')}
    RETURNING subject_type, subject_id, seq, prev_hash, hash
  )
  INSERT INTO audit_event (seq, occurred_at, actor_type, actor_id, actor_label, action, subject_type, subject_id,
                           before, after, subject_seq, prev_hash, hash)
  SELECT nextval('audit_event_seq_seq'), e.* FROM (
    SELECT i."occurredAt", i."actorType", i."actorId", i."actorLabel", i.action, i."subjectType", i."subjectId",
           i.before, i.after, head.seq, head.prev_hash, head.hash
      FROM input i JOIN head ON head.subject_type = i."subjectType" AND head.subject_id = i."subjectId"
     ORDER BY i.ord
  ) e`;

/**
 * The one statement that appends events of distinct subjects, each as the next link of its subject's
 * chain: the upsert of the subject's head takes its row lock (held to commit: it orders the appends to
 * that subject, and only those; taken in the bytes' order of the subjects, so that two statements
 * cannot deadlock), computes the link and hands it to the insert of the event. The events take their
 * seq in the order given. AuditRepository runs it; the benchmarks' bare SQL runs the same text.
 */
export function subjectChainAppend(events: NewAuditEvent[]): { sql: string; parameters: [string] } {
  return { sql: APPEND, parameters: [JSON.stringify(events.map((event, ord) => ({ ...event, ord })))] };
}
