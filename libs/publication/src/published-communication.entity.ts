import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Languages of published texts: letters (en, fr, es) and replies (the six UN languages). */
export const PUBLISHED_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type PublishedLanguage = (typeof PUBLISHED_LANGUAGES)[number];

/**
 * What the public knows about the replies to a letter, mutually exclusive:
 * `replied` — at least one reply whose content is public; `confidential` — replies were received, all
 * confidential (C12); `not_replied` — no reply so far.
 */
export const REPLY_STATUSES = ['replied', 'not_replied', 'confidential'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

export const RECIPIENT_KINDS = ['state', 'other'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** A mandate as the public sees it on a published letter. */
export interface PublishedMandate {
  code: string;
  title: string;
  lead: boolean;
}

/** A victim of a published letter: the name already redacted (C14). */
export interface PublishedVictim {
  name: string;
  group: boolean;
}

/**
 * The public, redacted copy of a sent letter (C11, C14): written only by the publication code, read
 * by every public endpoint. Nothing here may be confidential: no source, no internal notes, no
 * approvals, no drafts, victims' confidential names withheld. The row exists only once the letter is
 * public, so a public query cannot return an unpublished letter even by mistake.
 *
 * `search_vector` is maintained by the database on every write (trigger
 * `published_communication_vector`): the letter's own text in its language's text-search
 * configuration, followed by the vectors of its public replies.
 */
@Entity('published_communication')
@Index('uq_published_communication_reference', ['reference'], { unique: true })
@Index('ix_published_communication_sent', ['sentOn', 'communicationId'])
@Index('ix_published_communication_recipient_sent', ['recipientCode', 'sentOn'])
@Index('ix_published_communication_other_recipient_sent', ['otherRecipientId', 'sentOn'], {
  where: 'other_recipient_id IS NOT NULL',
})
@Check('ck_published_communication_type', `type IN ('UA', 'AL', 'OL')`)
@Check('ck_published_communication_language', `language IN (${list(PUBLISHED_LANGUAGES)})`)
@Check('ck_published_communication_recipient_kind', `recipient_kind IN (${list(RECIPIENT_KINDS)})`)
@Check('ck_published_communication_reply_status', `reply_status IN (${list(REPLY_STATUSES)})`)
@Check('ck_published_communication_dates', 'public_from >= sent_on')
@Check('ck_published_communication_year', 'sent_year = EXTRACT(YEAR FROM sent_on)')
@Check(
  'ck_published_communication_mandates',
  'cardinality(mandate_codes) >= 1 AND joint = (cardinality(mandate_codes) >= 2)',
)
@Check('ck_published_communication_replies', `reply_count >= 0 AND (reply_status = 'not_replied') = (reply_count = 0)`)
export class PublishedCommunicationEntity {
  /** The id of the internal letter; never shown to the public, which knows letters by reference. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_published_communication' })
  communicationId!: string;

  /** C7, e.g. `UA IRN 5/2023` (legacy references as given, C8). */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  language!: PublishedLanguage;

  /** ISO alpha-3 of the recipient State, or the pseudo-code of other recipients. */
  @Column({ type: 'char', length: 3 })
  recipientCode!: string;

  @Column({ type: 'text' })
  recipientKind!: RecipientKind;

  @Column({ type: 'text' })
  recipientName!: string;

  /** The other recipient (recipient kind `other`), which shares the pseudo-code with the others; null for a State. */
  @Column({ type: 'uuid', nullable: true })
  otherRecipientId!: string | null;

  @Column({ type: 'text' })
  leadMandateCode!: string;

  /** Codes of the mandates that signed, for filters and facets (GIN index, created by the migration). */
  @Index('ix_published_communication_mandates', { synchronize: false })
  @Column({ type: 'text', array: true })
  mandateCodes!: string[];

  @Column({ type: 'jsonb' })
  mandates!: PublishedMandate[];

  @Column({ type: 'boolean' })
  joint!: boolean;

  @Column({ type: 'date' })
  sentOn!: string;

  @Column({ type: 'smallint' })
  sentYear!: number;

  @Column({ type: 'date', nullable: true })
  replyRequestedBy!: string | null;

  @Column({ type: 'date' })
  publicFrom!: string;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  lawOrPolicy!: string | null;

  @Column({ type: 'jsonb' })
  victims!: PublishedVictim[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  themes!: string[];

  @Column({ type: 'text', default: 'not_replied' })
  replyStatus!: ReplyStatus;

  @Column({ type: 'integer', default: 0 })
  replyCount!: number;

  @Column({ type: 'date', nullable: true })
  lastReplyOn!: string | null;

  /** Written by the database only (see the class comment); GIN index created by the migration. */
  @Index('ix_published_communication_search', { synchronize: false })
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string | null;
}

/** A follow-up link between two published letters (both ends are public). */
@Entity('published_follow_up')
@Check('ck_published_follow_up_not_self', 'communication_id <> follows_up_id')
export class PublishedFollowUpEntity {
  /** The later letter. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_published_follow_up' })
  communicationId!: string;

  @ManyToOne(() => PublishedCommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_published_follow_up_letter' })
  communication?: PublishedCommunicationEntity;

  /** The earlier letter it follows up. */
  @Index('ix_published_follow_up_earlier')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_published_follow_up' })
  followsUpId!: string;

  @ManyToOne(() => PublishedCommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'follows_up_id', foreignKeyConstraintName: 'fk_published_follow_up_earlier' })
  followsUp?: PublishedCommunicationEntity;
}

/** Code and title of each mandate that signed a published letter: the labels of the public mandate facet. */
@Entity('published_mandate')
export class PublishedMandateEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_published_mandate' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;
}
