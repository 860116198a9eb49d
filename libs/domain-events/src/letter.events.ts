import { DomainEvent } from './domain-event-bus';
import { VersionContent } from './letter-content.types';

/** What subscribers know of a letter when an event about it is published. */
export interface LetterFacts {
  id: string;
  type: string;
  /** The reference once sent (`UA KEN 3/2026`), null for a draft. */
  reference: string | null;
  /** The letter's title (its subject line). */
  subject: string;
  recipientCode: string;
  otherRecipientId: string | null;
  leadMandateId: string;
  /** The mandates on the letter (lead and invited co-signers), lead first. */
  mandateIds: string[];
  currentVersion: number;
  sentOn: string | null;
  replyRequestedBy: string | null;
  publicFrom: string | null;
}

/** A sent letter's facts: the dates are set. */
export interface SentLetterFacts extends LetterFacts {
  reference: string;
  sentOn: string;
  replyRequestedBy: string;
  publicFrom: string;
}

/** A letter was sent to one recipient (C7, C9, C11); a group letter publishes one per State. */
export class LetterSent extends DomainEvent {
  constructor(
    readonly letter: SentLetterFacts,
    /** The group the letter was sent in (the first letter's id), null when it went to one State. */
    readonly groupId: string | null,
    /**
     * Every mandate the draft invited to co-sign, whether it signed, declined or was dropped: their
     * invitations' deadlines end with the sending.
     */
    readonly cosignerMandateIds: readonly string[],
  ) {
    super();
  }
}

/** A draft was created (version 1) or edited into a new version that needs approvals again (C6). */
export class LetterEdited extends DomainEvent {
  constructor(
    readonly letter: LetterFacts,
    readonly content: VersionContent,
    /** The mandates whose holders are asked to approve this version. */
    readonly approvalsNeededFrom: string[],
  ) {
    super();
  }
}

/** A mandate-holder approved a version of a draft for their mandate (C5). */
export class ApprovalGiven extends DomainEvent {
  constructor(
    readonly letter: LetterFacts,
    readonly mandateId: string,
    readonly versionNumber: number,
    readonly approvedBy: string,
  ) {
    super();
  }
}

/** Co-signers were invited to sign a draft by a deadline (C5). */
export class CosignersInvited extends DomainEvent {
  constructor(
    readonly letter: LetterFacts,
    readonly mandateIds: string[],
    readonly signOnBy: Date,
  ) {
    super();
  }
}

/** A draft was abandoned: it will never be sent. */
export class LetterAbandoned extends DomainEvent {
  constructor(readonly letter: LetterFacts) {
    super();
  }
}

/** A sent letter's reply-requested date moved (an extension granted to the recipient). */
export class DeadlineExtended extends DomainEvent {
  constructor(
    readonly letter: SentLetterFacts,
    readonly previousReplyRequestedBy: string,
    readonly reason: string,
  ) {
    super();
  }
}

/** What subscribers know of a reply. */
export interface ReplyFacts {
  id: string;
  communicationId: string;
  number: number;
  receiptCode: string;
  receivedOn: string;
  language: string;
  text: string | null;
  confidential: boolean;
  channel: string;
  /** The number of the reply this one corrects, if any. */
  correctsNumber: number | null;
}

export interface ReplyAttachmentFacts {
  id: string;
  replyId: string;
  position: number;
  fileName: string;
  mediaType: string;
  size: string;
  sha256: string;
  storageKey: string;
}

/** A reply to a sent letter was recorded, by an assistant or submitted on the portal (C10). */
export class ReplyRecorded extends DomainEvent {
  constructor(
    readonly letter: LetterFacts,
    readonly reply: ReplyFacts,
    readonly attachments: ReplyAttachmentFacts[],
  ) {
    super();
  }
}
