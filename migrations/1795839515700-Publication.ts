import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publication (C11, C12, C14): redaction checks, the publication state of letters, and the published
 * projection that public endpoints read — letters, replies, attachments, follow-up links and mandate
 * labels — with its full-text search: a tsvector per row maintained by triggers, in the text-search
 * configuration of the row's language (english, french, spanish, russian, arabic; Chinese as
 * character bigrams in 'simple'), and the GIN indexes of search and of the mandate filter.
 */

export class Publication1795839515700 implements MigrationInterface {
  name = 'Publication1795839515700';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "published_communication" (
                "communication_id" uuid NOT NULL,
                "reference" text NOT NULL,
                "type" text NOT NULL,
                "language" text NOT NULL,
                "recipient_code" character(3) NOT NULL,
                "recipient_kind" text NOT NULL,
                "recipient_name" text NOT NULL,
                "lead_mandate_code" text NOT NULL,
                "mandate_codes" text array NOT NULL,
                "mandates" jsonb NOT NULL,
                "joint" boolean NOT NULL,
                "sent_on" date NOT NULL,
                "sent_year" smallint NOT NULL,
                "reply_requested_by" date,
                "public_from" date NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "subject" text NOT NULL,
                "body" text NOT NULL,
                "law_or_policy" text,
                "victims" jsonb NOT NULL,
                "themes" text array NOT NULL DEFAULT '{}',
                "reply_status" text NOT NULL DEFAULT 'not_replied',
                "reply_count" integer NOT NULL DEFAULT '0',
                "last_reply_on" date,
                "search_vector" tsvector,
                CONSTRAINT "ck_published_communication_replies" CHECK (
                    reply_count >= 0
                    AND (reply_status = 'not_replied') = (reply_count = 0)
                ),
                CONSTRAINT "ck_published_communication_mandates" CHECK (
                    cardinality(mandate_codes) >= 1
                    AND joint = (cardinality(mandate_codes) >= 2)
                ),
                CONSTRAINT "ck_published_communication_year" CHECK (
                    sent_year = EXTRACT(
                        YEAR
                        FROM sent_on
                    )
                ),
                CONSTRAINT "ck_published_communication_dates" CHECK (public_from >= sent_on),
                CONSTRAINT "ck_published_communication_reply_status" CHECK (
                    reply_status IN ('replied', 'not_replied', 'confidential')
                ),
                CONSTRAINT "ck_published_communication_recipient_kind" CHECK (recipient_kind IN ('state', 'other')),
                CONSTRAINT "ck_published_communication_language" CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
                CONSTRAINT "ck_published_communication_type" CHECK (type IN ('UA', 'AL', 'OL')),
                CONSTRAINT "pk_published_communication" PRIMARY KEY ("communication_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_recipient_sent" ON "published_communication" ("recipient_code", "sent_on")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_sent" ON "published_communication" ("sent_on", "communication_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_published_communication_reference" ON "published_communication" ("reference")
        `);
    await queryRunner.query(`
            CREATE TABLE "published_follow_up" (
                "communication_id" uuid NOT NULL,
                "follows_up_id" uuid NOT NULL,
                CONSTRAINT "ck_published_follow_up_not_self" CHECK (communication_id <> follows_up_id),
                CONSTRAINT "pk_published_follow_up" PRIMARY KEY ("communication_id", "follows_up_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_follow_up_earlier" ON "published_follow_up" ("follows_up_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "published_mandate" (
                "code" text NOT NULL,
                "title" text NOT NULL,
                CONSTRAINT "pk_published_mandate" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "published_reply" (
                "id" uuid NOT NULL,
                "communication_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "received_on" date NOT NULL,
                "confidential" boolean NOT NULL,
                "language" text,
                "text" text,
                "corrects_number" integer,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "search_vector" tsvector,
                CONSTRAINT "ck_published_reply_public" CHECK (
                    confidential
                    OR language IS NOT NULL
                ),
                CONSTRAINT "ck_published_reply_placeholder" CHECK (
                    NOT confidential
                    OR (
                        text IS NULL
                        AND language IS NULL
                    )
                ),
                CONSTRAINT "ck_published_reply_language" CHECK (
                    language IS NULL
                    OR language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')
                ),
                CONSTRAINT "pk_published_reply" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_reply_received" ON "published_reply" ("received_on")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_published_reply_confidential" ON "published_reply" ("id", "confidential")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_published_reply_number" ON "published_reply" ("communication_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "published_attachment" (
                "id" uuid NOT NULL,
                "reply_id" uuid NOT NULL,
                "reply_confidential" boolean NOT NULL DEFAULT false,
                "position" smallint NOT NULL,
                "file_name" text NOT NULL,
                "media_type" text NOT NULL,
                "size" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "storage_key" text NOT NULL,
                CONSTRAINT "ck_published_attachment_public_reply" CHECK (NOT reply_confidential),
                CONSTRAINT "pk_published_attachment" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_attachment_reply" ON "published_attachment" ("reply_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "redaction_check" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "communication_id" uuid NOT NULL,
                "version_number" integer NOT NULL,
                "checked_by" uuid NOT NULL,
                "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "notes" text,
                CONSTRAINT "ck_redaction_check_version" CHECK (version_number >= 1),
                CONSTRAINT "pk_redaction_check" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_redaction_check_version" ON "redaction_check" ("communication_id", "version_number")
        `);
    await queryRunner.query(`
            CREATE TABLE "communication_publication" (
                "communication_id" uuid NOT NULL,
                "state" text NOT NULL,
                "blocked_reason" text,
                "blocked_at" TIMESTAMP WITH TIME ZONE,
                "published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_communication_publication_published" CHECK (
                    (state = 'published') = (published_at IS NOT NULL)
                ),
                CONSTRAINT "ck_communication_publication_reason" CHECK (
                    blocked_reason IS NULL
                    OR blocked_reason IN ('redaction_check_missing')
                ),
                CONSTRAINT "ck_communication_publication_blocked" CHECK (
                    (state = 'blocked') = (blocked_reason IS NOT NULL)
                ),
                CONSTRAINT "ck_communication_publication_state" CHECK (state IN ('blocked', 'published')),
                CONSTRAINT "pk_communication_publication" PRIMARY KEY ("communication_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_communication_publication_blocked" ON "communication_publication" ("blocked_at")
            WHERE state = 'blocked'
        `);
    await queryRunner.query(`
            ALTER TABLE "published_follow_up"
            ADD CONSTRAINT "fk_published_follow_up_letter" FOREIGN KEY ("communication_id") REFERENCES "published_communication"("communication_id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "published_follow_up"
            ADD CONSTRAINT "fk_published_follow_up_earlier" FOREIGN KEY ("follows_up_id") REFERENCES "published_communication"("communication_id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "published_reply"
            ADD CONSTRAINT "fk_published_reply_communication" FOREIGN KEY ("communication_id") REFERENCES "published_communication"("communication_id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "published_attachment"
            ADD CONSTRAINT "fk_published_attachment_reply" FOREIGN KEY ("reply_id", "reply_confidential") REFERENCES "published_reply"("id", "confidential") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "redaction_check"
            ADD CONSTRAINT "fk_redaction_check_communication" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "redaction_check"
            ADD CONSTRAINT "fk_redaction_check_user" FOREIGN KEY ("checked_by") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communication_publication"
            ADD CONSTRAINT "fk_communication_publication_communication" FOREIGN KEY ("communication_id") REFERENCES "communication"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);

    // ---- full-text search: language configurations, Chinese bigrams, vectors maintained on write ----
    await queryRunner.query(`
            CREATE FUNCTION published_ts_config(language text) RETURNS regconfig
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT CASE language
                    WHEN 'en' THEN 'pg_catalog.english'::regconfig
                    WHEN 'fr' THEN 'pg_catalog.french'::regconfig
                    WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
                    WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
                    WHEN 'ar' THEN 'pg_catalog.arabic'::regconfig
                    ELSE 'pg_catalog.simple'::regconfig
                END
            $$
        `);
    // Chinese has no spaces between words: every run of CJK ideographs becomes its overlapping
    // character bigrams (a run of one stays one character), after the text's other words.
    await queryRunner.query(`
            CREATE FUNCTION published_cjk_text(input text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                SELECT regexp_replace(input, '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+', ' ', 'g') || ' ' || coalesce((
                    SELECT string_agg(
                        CASE WHEN char_length(run.match[1]) = 1 THEN run.match[1]
                             ELSE (SELECT string_agg(substr(run.match[1], i, 2), ' ' ORDER BY i)
                                     FROM generate_series(1, char_length(run.match[1]) - 1) AS i)
                        END, ' ' ORDER BY run.position)
                      FROM regexp_matches(input, '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+', 'g') WITH ORDINALITY AS run(match, position)
                ), '')
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION published_text_vector(language text, input text) RETURNS tsvector
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT CASE WHEN language = 'zh'
                    THEN to_tsvector('pg_catalog.simple'::regconfig, published_cjk_text(coalesce(input, '')))
                    ELSE to_tsvector(published_ts_config(language), coalesce(input, ''))
                END
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION published_letter_vector(
                language text, reference text, subject text, recipient_name text, themes text[], body text, law_or_policy text
            ) RETURNS tsvector
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT setweight(published_text_vector(language, reference || ' ' || subject), 'A')
                    || setweight(published_text_vector(language, recipient_name || ' ' || array_to_string(themes, ' ')), 'B')
                    || setweight(published_text_vector(language, body || ' ' || coalesce(law_or_policy, '')), 'C')
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION published_reply_vector(language text, input text) RETURNS tsvector
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT setweight(published_text_vector(language, input), 'D')
            $$
        `);
    await queryRunner.query(`
            CREATE AGGREGATE published_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')
        `);
    // A confidential reply has no text and no vector; a public one is searchable through its letter.
    await queryRunner.query(`
            CREATE FUNCTION published_reply_set_vector() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_vector := CASE WHEN NEW.confidential OR NEW.text IS NULL THEN NULL
                                          ELSE published_reply_vector(NEW.language, NEW.text) END;
                RETURN NEW;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER published_reply_vector BEFORE INSERT OR UPDATE ON published_reply
            FOR EACH ROW EXECUTE FUNCTION published_reply_set_vector()
        `);
    // A letter's vector: its own text, then the vectors of its public replies.
    await queryRunner.query(`
            CREATE FUNCTION published_communication_set_vector() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_vector := published_letter_vector(NEW.language, NEW.reference, NEW.subject, NEW.recipient_name,
                                                             NEW.themes, NEW.body, NEW.law_or_policy)
                    || coalesce((SELECT published_tsvector_agg(r.search_vector ORDER BY r.number) FROM published_reply r
                                  WHERE r.communication_id = NEW.communication_id AND r.search_vector IS NOT NULL), ''::tsvector);
                RETURN NEW;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER published_communication_vector BEFORE INSERT OR UPDATE ON published_communication
            FOR EACH ROW EXECUTE FUNCTION published_communication_set_vector()
        `);
    // Reply counts, last reply and reply status of the letters whose replies changed (the update
    // also recomputes the letter's vector through the trigger above).
    await queryRunner.query(`
            CREATE FUNCTION published_reply_refresh_letters() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE published_communication p
                   SET reply_count = s.n,
                       last_reply_on = s.last,
                       reply_status = CASE WHEN s.n = 0 THEN 'not_replied' WHEN s.public > 0 THEN 'replied' ELSE 'confidential' END
                  FROM (SELECT c.id, count(r.id)::int AS n, max(r.received_on) AS last, count(r.id) FILTER (WHERE NOT r.confidential) AS public
                          FROM (SELECT DISTINCT communication_id AS id FROM changed) c
                          LEFT JOIN published_reply r ON r.communication_id = c.id
                         GROUP BY c.id) s
                 WHERE p.communication_id = s.id;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER published_reply_inserted AFTER INSERT ON published_reply
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION published_reply_refresh_letters()
        `);
    await queryRunner.query(`
            CREATE TRIGGER published_reply_updated AFTER UPDATE ON published_reply
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION published_reply_refresh_letters()
        `);
    await queryRunner.query(`
            CREATE TRIGGER published_reply_deleted AFTER DELETE ON published_reply
            REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION published_reply_refresh_letters()
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_search" ON "published_communication" USING gin ("search_vector")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_published_communication_mandates" ON "published_communication" USING gin ("mandate_codes")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_published_communication_mandates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_published_communication_search"`);
    await queryRunner.query(`DROP TRIGGER published_reply_deleted ON published_reply`);
    await queryRunner.query(`DROP TRIGGER published_reply_updated ON published_reply`);
    await queryRunner.query(`DROP TRIGGER published_reply_inserted ON published_reply`);
    await queryRunner.query(`DROP TRIGGER published_communication_vector ON published_communication`);
    await queryRunner.query(`DROP TRIGGER published_reply_vector ON published_reply`);
    await queryRunner.query(`DROP FUNCTION published_reply_refresh_letters()`);
    await queryRunner.query(`DROP FUNCTION published_communication_set_vector()`);
    await queryRunner.query(`DROP FUNCTION published_reply_set_vector()`);
    await queryRunner.query(`DROP AGGREGATE published_tsvector_agg(tsvector)`);
    await queryRunner.query(`DROP FUNCTION published_reply_vector(text, text)`);
    await queryRunner.query(`DROP FUNCTION published_letter_vector(text, text, text, text, text[], text, text)`);
    await queryRunner.query(`DROP FUNCTION published_text_vector(text, text)`);
    await queryRunner.query(`DROP FUNCTION published_cjk_text(text)`);
    await queryRunner.query(`DROP FUNCTION published_ts_config(text)`);
    await queryRunner.query(`
            ALTER TABLE "communication_publication" DROP CONSTRAINT "fk_communication_publication_communication"
        `);
    await queryRunner.query(`
            ALTER TABLE "redaction_check" DROP CONSTRAINT "fk_redaction_check_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "redaction_check" DROP CONSTRAINT "fk_redaction_check_communication"
        `);
    await queryRunner.query(`
            ALTER TABLE "published_attachment" DROP CONSTRAINT "fk_published_attachment_reply"
        `);
    await queryRunner.query(`
            ALTER TABLE "published_reply" DROP CONSTRAINT "fk_published_reply_communication"
        `);
    await queryRunner.query(`
            ALTER TABLE "published_follow_up" DROP CONSTRAINT "fk_published_follow_up_earlier"
        `);
    await queryRunner.query(`
            ALTER TABLE "published_follow_up" DROP CONSTRAINT "fk_published_follow_up_letter"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_communication_publication_blocked"
        `);
    await queryRunner.query(`
            DROP TABLE "communication_publication"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_redaction_check_version"
        `);
    await queryRunner.query(`
            DROP TABLE "redaction_check"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_published_attachment_reply"
        `);
    await queryRunner.query(`
            DROP TABLE "published_attachment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_published_reply_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_published_reply_confidential"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_published_reply_received"
        `);
    await queryRunner.query(`
            DROP TABLE "published_reply"
        `);
    await queryRunner.query(`
            DROP TABLE "published_mandate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_published_follow_up_earlier"
        `);
    await queryRunner.query(`
            DROP TABLE "published_follow_up"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_published_communication_reference"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_published_communication_sent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_published_communication_recipient_sent"
        `);
    await queryRunner.query(`
            DROP TABLE "published_communication"
        `);
  }
}
