/**
 * The search benchmarks' corpus (bench/search-corpus.ts), loaded straight into the published
 * projection with multi-row INSERTs, its search vectors computed by the same SQL functions the
 * projection's triggers use; and a database kept by an earlier run, read back. Shared by
 * bench:search and bench:web, so that one loaded database serves both (BENCH_KEEP=1, then
 * BENCH_DATABASE_URL=<the URL it printed>).
 */
import { randomUUID } from 'node:crypto';
import { Client, Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@spcomms/database';
import { random } from '@spcomms/testing';
import { FREQUENT_RECIPIENTS, PHRASES, THEMES, VOCABULARY, placeNames, weighted, zipf } from '../search-corpus';
import { BenchDatabase } from './bench-database';

const BATCH = 2000;
export const LOADERS = 2;
interface Letter {
  id: string;
  reference: string;
  type: string;
  language: string;
  recipientCode: string;
  recipientKind: string;
  recipientName: string;
  lead: string;
  mandateCodes: string;
  mandates: string;
  joint: boolean;
  sentOn: string;
  subject: string;
  body: string;
  themes: string;
  replyStatus: string;
  replyCount: number;
  lastReplyOn: string | null;
}

interface Reply {
  id: string;
  communicationId: string;
  number: number;
  receivedOn: string;
  confidential: boolean;
  language: string | null;
  text: string | null;
}

export interface Corpus {
  letters: number;
  replies: number;
  confidentialReplies: number;
  joint: number;
  languages: Map<string, number>;
  replyLanguages: Map<string, number>;
  placeCounts: Map<string, number>;
  loadSeconds: number;
  indexSeconds: number;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/** Generates the corpus batch by batch and loads it with LOADERS connections; answers what it made. */
export async function load(pool: Pool, LETTERS: number): Promise<Corpus> {
  const PLACE_NAMES = Math.max(200, Math.round(LETTERS / 50));
  const rnd = random(20261128);
  const states: Array<{ code: string; name: string }> = (
    await pool.query(`SELECT trim(code) AS code, name FROM state WHERE status <> 'pseudo' ORDER BY code`)
  ).rows;
  const mandates: Array<{ code: string; title: string }> = (
    await pool.query(`SELECT code, title FROM mandate ORDER BY code`)
  ).rows;
  await pool.query(
    `INSERT INTO published_mandate (code, title) SELECT code, title FROM mandate ON CONFLICT DO NOTHING`,
  );
  const known = new Set(states.map((state) => state.code));
  const frequent = FREQUENT_RECIPIENTS.filter((code) => known.has(code));
  const rest = states
    .map((state) => state.code)
    .filter((code) => !frequent.includes(code))
    .sort(() => rnd() - 0.5);
  const recipientOrder = [...frequent, ...rest];
  const stateName = new Map(states.map((state) => [state.code, state.name]));
  const shuffledMandates = [...mandates].sort(() => rnd() - 0.5);
  const pickState = zipf(recipientOrder.length, 1.05, rnd);
  const pickMandate = zipf(shuffledMandates.length, 0.8, rnd);
  const pickWord = Object.fromEntries(
    Object.entries(VOCABULARY).map(([language, list]) => [language, zipf(list.length, 1.05, rnd)]),
  );
  const pickTheme = zipf(THEMES.length, 1, rnd);
  const places = placeNames(PLACE_NAMES, rnd);
  const pickType = weighted<string>(
    [
      ['UA', 35],
      ['AL', 50],
      ['OL', 15],
    ],
    rnd,
  );
  const pickLanguage = weighted<string>(
    [
      ['en', 75],
      ['fr', 15],
      ['es', 10],
    ],
    rnd,
  );
  const pickReplyLanguage = weighted<string>(
    [
      ['en', 45],
      ['fr', 12],
      ['es', 15],
      ['ru', 8],
      ['ar', 12],
      ['zh', 8],
    ],
    rnd,
  );
  const pickReplies = weighted<number>(
    [
      [0, 35],
      [1, 40],
      [2, 18],
      [3, 7],
    ],
    rnd,
  );
  const pickSigners = weighted<number>(
    [
      [1, 16],
      [2, 30],
      [3, 25],
      [4, 15],
      [5, 9],
      [6, 5],
    ],
    rnd,
  );
  const pickYear = weighted<number>(
    Array.from({ length: 20 }, (_, index) => [2006 + index, 10 + index] as [number, number]),
    rnd,
  );
  const counters = new Map<string, number>();
  const corpus: Corpus = {
    letters: 0,
    replies: 0,
    confidentialReplies: 0,
    joint: 0,
    languages: new Map(),
    replyLanguages: new Map(),
    placeCounts: new Map(),
    loadSeconds: 0,
    indexSeconds: 0,
  };

  const text = (language: string, length: number): string => {
    const list = VOCABULARY[language];
    const draw = pickWord[language];
    const parts: string[] = [];
    for (let i = 0; i < length; i++) {
      parts.push(list[draw()]);
    }
    return language === 'zh' ? parts.join('') : parts.join(' ');
  };

  // Letters are published in the order of their dates, so rows are written in that order.
  const sentDates = Array.from({ length: LETTERS }, () =>
    addDays(`${pickYear()}-01-01`, Math.floor(rnd() * 365)),
  ).sort();

  const makeLetter = (index: number): { letter: Letter; replies: Reply[] } => {
    const id = randomUUID();
    const type = pickType();
    const language = pickLanguage();
    const other = rnd() < 0.05;
    const code = other ? 'OTH' : recipientOrder[pickState()];
    const sentOn = sentDates[index];
    const year = Number(sentOn.slice(0, 4));
    const number = (counters.get(`${code}${year}`) ?? 0) + 1;
    counters.set(`${code}${year}`, number);
    const signers = new Set<number>();
    const wanted = pickSigners();
    while (signers.size < wanted) {
      signers.add(pickMandate());
    }
    const codes = [...signers].map((index) => shuffledMandates[index]);
    const letterPlaces = [places[Math.floor(rnd() * places.length)], places[Math.floor(rnd() * places.length)]];
    for (const place of new Set(letterPlaces)) {
      count(corpus.placeCounts, place);
    }
    const phrases = (PHRASES[language] ?? []).filter(() => rnd() < 0.15);
    const sentences: string[] = [];
    for (let i = 0; i < 8; i++) {
      sentences.push(`${text(language, 14)}.`);
    }
    sentences.splice(2, 0, `${letterPlaces[0]} ${phrases.join(' ')} ${letterPlaces[1]}.`);
    const recipientName = other ? `Company ${1 + Math.floor(rnd() * 300)} Ltd` : (stateName.get(code) ?? code);
    const replies: Reply[] = [];
    const replyCount = pickReplies();
    let received = sentOn;
    for (let n = 1; n <= replyCount; n++) {
      received = addDays(received, 5 + Math.floor(rnd() * 90));
      const confidential = rnd() < 0.05;
      const replyLanguage = pickReplyLanguage();
      replies.push({
        id: randomUUID(),
        communicationId: id,
        number: n,
        receivedOn: received,
        confidential,
        language: confidential ? null : replyLanguage,
        text: confidential ? null : text(replyLanguage, 60),
      });
      count(corpus.replyLanguages, confidential ? 'confidential' : replyLanguage);
    }
    corpus.letters++;
    corpus.replies += replies.length;
    corpus.confidentialReplies += replies.filter((reply) => reply.confidential).length;
    corpus.joint += codes.length >= 2 ? 1 : 0;
    count(corpus.languages, language);
    return {
      letter: {
        id,
        reference: `${type} ${code} ${number}/${year}`,
        type,
        language,
        recipientCode: code,
        recipientKind: other ? 'other' : 'state',
        recipientName,
        lead: codes[0].code,
        mandateCodes: codes.map((mandate) => mandate.code).join(','),
        mandates: JSON.stringify(
          codes.map((mandate, index) => ({ code: mandate.code, title: mandate.title, lead: index === 0 })),
        ),
        joint: codes.length >= 2,
        sentOn,
        subject: `${text(language, 6)} ${rnd() < 0.3 ? letterPlaces[0] : ''}`.trim(),
        body: sentences.join(' '),
        themes: [...new Set([THEMES[pickTheme()], THEMES[pickTheme()]])].join(','),
        replyStatus:
          replies.length === 0
            ? 'not_replied'
            : replies.some((reply) => !reply.confidential)
              ? 'replied'
              : 'confidential',
        replyCount: replies.length,
        lastReplyOn: replies.length > 0 ? replies[replies.length - 1].receivedOn : null,
      },
      replies,
    };
  };

  // Secondary indexes are built once the rows are in (the unique reply number stays: the load reads it;
  // so does the reply key that attachments reference).
  const { rows: indexes } = await pool.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE tablename IN ('published_communication', 'published_reply', 'published_communication_mandate') AND indexname NOT LIKE 'pk_%' AND indexname NOT IN ('uq_published_reply_number', 'uq_published_reply_confidential')`,
  );
  for (const index of indexes) {
    await pool.query(`DROP INDEX ${index.indexname}`);
  }

  const started = process.hrtime.bigint();
  const clients: PoolClient[] = [];
  for (let i = 0; i < LOADERS; i++) {
    const client = await pool.connect();
    // The projection's triggers compute what the INSERTs below compute with the same functions.
    await client.query(`SET session_replication_role = replica`);
    clients.push(client);
  }
  const busy: Array<Promise<void>> = clients.map(() => Promise.resolve());
  let batchNumber = 0;
  for (let done = 0; done < LETTERS; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, LETTERS - done) }, (_, offset) => makeLetter(done + offset));
    const slot = batchNumber++ % LOADERS;
    await busy[slot];
    busy[slot] = insertBatch(clients[slot], batch);
    if (batchNumber % 50 === 0) {
      process.stderr.write(`  loaded ${Math.min(done + BATCH, LETTERS).toLocaleString('en')} letters\r`);
    }
  }
  await Promise.all(busy);
  for (const client of clients) {
    await client.query(`RESET session_replication_role`);
    client.release();
  }
  // What the projection's trigger writes for each letter: a row per mandate that signed it.
  await pool.query(
    `INSERT INTO published_communication_mandate (mandate_code, sent_on, communication_id, recipient_code, type, joint, reply_status)
     SELECT DISTINCT u.code, p.sent_on, p.communication_id, p.recipient_code, p.type, p.joint, p.reply_status
       FROM published_communication p CROSS JOIN LATERAL unnest(p.mandate_codes) AS u(code)`,
  );
  // And the sample of the projection, the facets' (see 1797800000000-PublishedFacetSample).
  await pool.query('SELECT published_communication_sample_refill()');
  corpus.loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const indexStarted = process.hrtime.bigint();
  await Promise.all(
    indexes.map(async (index) => {
      const client = await pool.connect();
      try {
        await client.query(`SET maintenance_work_mem = '512MB'`);
        await client.query(index.indexdef);
      } finally {
        client.release();
      }
    }),
  );
  await pool.query('VACUUM ANALYZE published_communication');
  await pool.query('VACUUM ANALYZE published_reply');
  await pool.query('VACUUM ANALYZE published_communication_mandate');
  await pool.query('VACUUM ANALYZE published_communication_sample');
  corpus.indexSeconds = Number(process.hrtime.bigint() - indexStarted) / 1e9;
  return corpus;
}

async function insertBatch(client: PoolClient, batch: Array<{ letter: Letter; replies: Reply[] }>): Promise<void> {
  const letters = batch.map((entry) => entry.letter);
  const replies = batch.flatMap((entry) => entry.replies);
  const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO published_reply (id, communication_id, number, received_on, confidential, language, text, published_at, search_vector)
       SELECT id, communication_id, number, received_on, confidential, language, text, now(),
              CASE WHEN confidential OR text IS NULL THEN NULL ELSE published_reply_vector(language, text) END
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::date[], $5::bool[], $6::text[], $7::text[])
           AS r(id, communication_id, number, received_on, confidential, language, text)`,
      [
        column(replies, 'id'),
        column(replies, 'communicationId'),
        column(replies, 'number'),
        column(replies, 'receivedOn'),
        column(replies, 'confidential'),
        column(replies, 'language'),
        column(replies, 'text'),
      ],
    );
    await client.query(
      `INSERT INTO published_communication (communication_id, reference, type, language, recipient_code, recipient_kind, recipient_name,
              lead_mandate_code, mandate_codes, mandates, joint, sent_on, sent_year, reply_requested_by, public_from, published_at, subject,
              body, law_or_policy, victims, themes, reply_status, reply_count, last_reply_on, search_vector)
       SELECT l.id, l.reference, l.type, l.language, l.recipient_code, l.recipient_kind, l.recipient_name, l.lead,
              string_to_array(l.mandate_codes, ','), l.mandates::jsonb, l.joint, l.sent_on, EXTRACT(YEAR FROM l.sent_on)::int,
              l.sent_on + 60, l.sent_on + 60, now(), l.subject, l.body, NULL, '[]'::jsonb, string_to_array(l.themes, ','),
              l.reply_status, l.reply_count, l.last_reply_on,
              published_letter_vector(l.language, l.reference, l.subject, l.recipient_name, string_to_array(l.themes, ','), l.body, NULL)
                || coalesce((SELECT published_tsvector_agg(r.search_vector ORDER BY r.number) FROM published_reply r
                              WHERE r.communication_id = l.id AND r.search_vector IS NOT NULL), ''::tsvector)
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::bool[], $12::date[], $13::text[], $14::text[], $15::text[], $16::text[], $17::int[], $18::date[])
           AS l(id, reference, type, language, recipient_code, recipient_kind, recipient_name, lead, mandate_codes, mandates, joint, sent_on,
                subject, body, themes, reply_status, reply_count, last_reply_on)`,
      [
        column(letters, 'id'),
        column(letters, 'reference'),
        column(letters, 'type'),
        column(letters, 'language'),
        column(letters, 'recipientCode'),
        column(letters, 'recipientKind'),
        column(letters, 'recipientName'),
        column(letters, 'lead'),
        column(letters, 'mandateCodes'),
        column(letters, 'mandates'),
        column(letters, 'joint'),
        column(letters, 'sentOn'),
        column(letters, 'subject'),
        column(letters, 'body'),
        column(letters, 'themes'),
        column(letters, 'replyStatus'),
        column(letters, 'replyCount'),
        column(letters, 'lastReplyOn'),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** What the scenarios and the report need of a corpus, as kept in the comment of its database. */
export interface CorpusSummary extends Omit<Corpus, 'languages' | 'replyLanguages' | 'placeCounts'> {
  languages: Array<[string, number]>;
  replyLanguages: Array<[string, number]>;
  /** The place names of 20 to 200 letters, in the order they were made. */
  placeCounts: Array<[string, number]>;
}

export async function keepSummary(pool: Pool, corpus: Corpus): Promise<void> {
  const summary: CorpusSummary = {
    ...corpus,
    languages: [...corpus.languages],
    replyLanguages: [...corpus.replyLanguages],
    placeCounts: [...corpus.placeCounts].filter(([, n]) => n >= 20 && n <= 200),
  };
  const name = (await pool.query(`SELECT current_database() AS name`)).rows[0].name as string;
  await pool.query(`COMMENT ON DATABASE "${name}" IS ${escapeLiteral(JSON.stringify(summary))}`);
}

const escapeLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A database kept by an earlier run (BENCH_KEEP=1): migrated to the current schema, its corpus summary read back. */
export async function reuse(url: string): Promise<{ db: BenchDatabase; corpus: Corpus }> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const comment = (
      await client.query(
        `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`,
      )
    ).rows[0]?.comment as string | null;
    if (!comment) {
      throw new Error(`${url} holds no corpus summary: load it with BENCH_KEEP=1 first`);
    }
    await client.query('VACUUM ANALYZE published_communication');
    await client.query('VACUUM ANALYZE published_communication_mandate');
    await client.query('VACUUM ANALYZE published_communication_sample');
    const summary = JSON.parse(comment) as CorpusSummary;
    return {
      db: { url, drop: async () => undefined },
      corpus: {
        ...summary,
        languages: new Map(summary.languages),
        replyLanguages: new Map(summary.replyLanguages),
        placeCounts: new Map(summary.placeCounts),
      },
    };
  } finally {
    await client.end();
  }
}
