import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { VersionContent } from './communication-version.entity';
import { LetterContentDto } from './communications.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';

/** SHA-256 over the canonical (key-sorted) JSON of a version's content. */
export function contentHash(content: VersionContent): string {
  return createHash('sha256')
    .update(stringify(content) ?? '')
    .digest('hex');
}

/**
 * Turns the submitted content into a version's content and applies the rules that need no database:
 * victims (or, for an OL, the law or policy), perpetrators, one recipient, reprisal consent (C15).
 * Recipient codes are checked against the reference data by the caller.
 */
export function toVersionContent(dto: LetterContentDto, otherRecipientCode: string): VersionContent {
  const lawOrPolicy = dto.lawOrPolicy?.trim() || null;
  if (dto.victims.length === 0 && !(dto.type === 'OL' && lawOrPolicy)) {
    throw new CommunicationException(
      CommunicationErrorCode.MissingVictim,
      dto.type === 'OL'
        ? 'An other letter needs at least one victim, or the law or policy it is about (lawOrPolicy)'
        : 'A letter needs at least one alleged victim (a person, group or community)',
    );
  }
  if (dto.perpetrators.length === 0 && dto.type !== 'OL') {
    throw new CommunicationException(
      CommunicationErrorCode.MissingPerpetrator,
      'A letter needs at least one alleged perpetrator',
    );
  }
  if (dto.recipientStateCode && dto.otherRecipientId) {
    throw new CommunicationException(
      CommunicationErrorCode.InvalidRecipient,
      'Give either recipientStateCode or otherRecipientId, not both',
    );
  }
  if (dto.recipientStateCode === otherRecipientCode) {
    throw new CommunicationException(
      CommunicationErrorCode.InvalidRecipient,
      `${otherRecipientCode} is not a State: address a non-State recipient with otherRecipientId`,
    );
  }
  const coRecipientCodes = [...new Set(dto.coRecipientStateCodes ?? [])].sort();
  if (coRecipientCodes.length > 0 && !dto.recipientStateCode) {
    throw new CommunicationException(
      CommunicationErrorCode.InvalidRecipient,
      'Only a letter to a State can be sent to further States',
    );
  }
  if (dto.recipientStateCode && coRecipientCodes.includes(dto.recipientStateCode)) {
    throw new CommunicationException(
      CommunicationErrorCode.InvalidRecipient,
      'A further State repeats the recipient State',
    );
  }
  if (coRecipientCodes.includes(otherRecipientCode)) {
    throw new CommunicationException(CommunicationErrorCode.InvalidRecipient, `${otherRecipientCode} is not a State`);
  }
  const reprisal = dto.reprisal ?? false;
  if (reprisal && !dto.reprisalConsent) {
    throw new CommunicationException(
      CommunicationErrorCode.ReprisalConsentRequired,
      "A reprisal case requires the victim's recorded informed consent (reprisalConsent) (C15)",
    );
  }
  return {
    type: dto.type,
    language: dto.language,
    recipientCode: dto.otherRecipientId ? otherRecipientCode : (dto.recipientStateCode as string),
    otherRecipientId: dto.otherRecipientId ?? null,
    coRecipientCodes,
    subject: dto.subject.trim(),
    body: dto.body,
    victims: dto.victims.map((victim) => ({
      name: victim.name.trim(),
      gender: victim.gender ?? 'unknown',
      ageGroup: victim.ageGroup ?? 'unknown',
      nameConfidential: victim.nameConfidential,
      group: victim.group ?? false,
    })),
    lawOrPolicy,
    perpetrators: dto.perpetrators.map((perpetrator) => ({ name: perpetrator.name.trim(), kind: perpetrator.kind })),
    themes: [...new Set((dto.themes ?? []).map((theme) => theme.trim().toLowerCase()))].sort(),
    reprisal,
    reprisalConsent: reprisal && dto.reprisalConsent ? { ...dto.reprisalConsent } : null,
  };
}
