import { DataSource } from 'typeorm';

/**
 * Inserts `count` published letters of one mandate straight into the projection (its triggers run):
 * ten a day from `from`, all to France, subject and body on `subject`, every tenth one a UA and the
 * others ALs. The ids are drawn from the mandate, the first day and the letter's number, so that the
 * same letters land in the same hash buckets of the sample on every run.
 */
export function insertPublishedLetters(
  dataSource: DataSource,
  mandate: string,
  count: number,
  from: string,
  subject: string,
): Promise<unknown> {
  return dataSource.query(
    `INSERT INTO published_communication (communication_id, reference, type, language, recipient_code, recipient_kind, recipient_name,
                                          lead_mandate_code, mandate_codes, mandates, joint, sent_on, sent_year, public_from, published_at,
                                          subject, body, victims)
     SELECT md5($1 || '/' || $2 || '/' || g)::uuid, CASE WHEN g % 10 = 0 THEN 'UA' ELSE 'AL' END || ' ' || $1 || ' ' || g || '/' || extract(year FROM $2::date),
            CASE WHEN g % 10 = 0 THEN 'UA' ELSE 'AL' END, 'en', 'FRA', 'state', 'France', $1, ARRAY[$1],
            jsonb_build_array(jsonb_build_object('code', $1, 'title', 'Mandate ' || $1, 'lead', true)), false,
            $2::date + g / 10, extract(year FROM $2::date + g / 10)::int, $2::date + g / 10 + 60, now(),
            $4, 'The facts of case ' || g || ' concern ' || $4 || '.', '[]'::jsonb
       FROM generate_series(1, $3::int) AS g`,
    [mandate, from, count, subject],
  );
}
