import { systemActor } from '@spcomms/access';
import { RedactionCheckEntity } from './communication-publication.entity';
import { RedactionCheckDto } from './publication.dto';
import { SourceLetter } from './publication.repository';

/** Who the audit log names for what publication does on its own (at public-from, on a reply). */
export const PUBLICATION_ACTOR = systemActor('publication');

/** A letter that was sent: it has its reference, its sending day and its public-from day. */
export type SentLetter = SourceLetter & { reference: string; sentOn: string; publicFrom: string };

export const isSent = (letter: SourceLetter): letter is SentLetter =>
  letter.status === 'sent' && letter.reference !== null && letter.sentOn !== null && letter.publicFrom !== null;

export const mapCheck = (check: RedactionCheckEntity): RedactionCheckDto => ({
  versionNumber: check.versionNumber,
  checkedBy: check.checkedBy,
  checkedAt: check.checkedAt,
  notes: check.notes,
});
