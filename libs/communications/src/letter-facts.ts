import { LetterFacts, SentLetterFacts } from '@spcomms/domain-events';
import { CommunicationEntity } from './communication.entity';
import { CommunicationMandateEntity } from './communication-mandate.entity';

/** The mandates on a letter (lead and invited co-signers), lead first. */
export function mandatesOnLetter(letter: CommunicationEntity, rows: CommunicationMandateEntity[]): string[] {
  const onLetter = rows
    .filter((row) => row.participation === 'lead' || row.participation === 'invited')
    .map((row) => row.mandateId)
    .filter((id) => id !== letter.leadMandateId);
  return [letter.leadMandateId, ...onLetter];
}

/** What the events about a letter tell their subscribers of it. */
export function letterFacts(letter: CommunicationEntity, rows: CommunicationMandateEntity[]): LetterFacts {
  return {
    id: letter.id,
    type: letter.type,
    reference: letter.reference,
    subject: letter.subject,
    recipientCode: letter.recipientCode,
    otherRecipientId: letter.otherRecipientId,
    leadMandateId: letter.leadMandateId,
    mandateIds: mandatesOnLetter(letter, rows),
    currentVersion: letter.currentVersion,
    sentOn: letter.sentOn,
    replyRequestedBy: letter.replyRequestedBy,
    publicFrom: letter.publicFrom,
  };
}

/** letterFacts of a sent letter: refuses a letter whose sending dates are not set. */
export function sentLetterFacts(letter: CommunicationEntity, rows: CommunicationMandateEntity[]): SentLetterFacts {
  const facts = letterFacts(letter, rows);
  if (!facts.reference || !facts.sentOn || !facts.replyRequestedBy || !facts.publicFrom) {
    throw new Error(`Letter ${letter.id} is not sent`);
  }
  return facts as SentLetterFacts;
}
