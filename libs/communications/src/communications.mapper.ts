import { MandateEntity, OtherRecipientEntity, StateEntity } from '@spcomms/reference';
import { CommunicationApprovalEntity } from './communication-approval.entity';
import { CommunicationMandateEntity } from './communication-mandate.entity';
import { CommunicationVersionEntity } from './communication-version.entity';
import { CommunicationEntity } from './communication.entity';
import {
  ApprovalDto,
  CommunicationDto,
  CommunicationSummaryDto,
  LetterLinkDto,
  PortalCommunicationDto,
  VersionDto,
} from './communication-response.dto';

export interface LetterDetails {
  letter: CommunicationEntity;
  version: CommunicationVersionEntity;
  mandates: CommunicationMandateEntity[];
  approvals: CommunicationApprovalEntity[];
  versionNumbers: Map<string, number>;
  mandateById: Map<string, MandateEntity>;
  state: StateEntity | null;
  otherRecipient: OtherRecipientEntity | null;
  followsUp: LetterLinkDto[];
  followedUpBy: LetterLinkDto[];
}

/** Mandates whose decision on the version is an approval. */
export function approvingMandateIds(approvals: CommunicationApprovalEntity[], versionId: string): Set<string> {
  return new Set(
    approvals.filter((a) => a.versionId === versionId && a.decision === 'approve').map((a) => a.mandateId),
  );
}

export function mapCommunication(details: LetterDetails): CommunicationDto {
  const { letter, version, mandates, approvals, mandateById } = details;
  const approving = approvingMandateIds(approvals, version.id);
  const code = (id: string) => mandateById.get(id)?.code ?? id;
  const versionNumbers = details.versionNumbers;
  const content = version.content;
  const onLetter = mandates.filter((m) => m.participation === 'lead' || m.participation === 'invited');
  return {
    id: letter.id,
    status: letter.status,
    revision: letter.revision,
    type: letter.legacyType ?? letter.type,
    reference: letter.reference,
    leadMandate: code(letter.leadMandateId),
    mandates: mandates.map((m) => ({
      code: code(m.mandateId),
      title: mandateById.get(m.mandateId)?.title ?? '',
      participation: m.participation,
      signOnDeadline: m.signOnDeadline,
      approvedCurrentVersion: approving.has(m.mandateId),
    })),
    joint: onLetter.filter((m) => approving.has(m.mandateId)).length >= 2,
    recipient: {
      code: letter.recipientCode,
      name: details.otherRecipient?.name ?? details.state?.name ?? letter.recipientCode,
      otherRecipientId: letter.otherRecipientId,
    },
    coRecipientCodes: content.coRecipientCodes,
    language: content.language,
    subject: content.subject,
    body: content.body,
    victims: content.victims,
    lawOrPolicy: content.lawOrPolicy,
    perpetrators: content.perpetrators,
    themes: content.themes,
    reprisal: content.reprisal,
    reprisalConsent: content.reprisalConsent,
    currentVersion: { number: version.number, contentHash: version.contentHash, createdAt: version.createdAt },
    approvals: approvals.map((approval): ApprovalDto => ({
      mandate: code(approval.mandateId),
      version: versionNumbers.get(approval.versionId) ?? 0,
      decision: approval.decision,
      decidedAt: approval.decidedAt,
      current: approval.versionId === version.id,
      note: approval.note,
    })),
    sentAt: letter.sentAt,
    sentOn: letter.sentOn,
    replyRequestedBy: letter.replyRequestedBy,
    publicFrom: letter.publicFrom,
    groupId: letter.groupId,
    followsUp: details.followsUp,
    followedUpBy: details.followedUpBy,
    internalNotes: letter.internalNotes,
    legacy: letter.legacy,
    recipientUnreachable: letter.recipientUnreachable,
    abandonedAt: letter.abandonedAt,
    abandonReason: letter.abandonReason,
    createdAt: letter.createdAt,
    updatedAt: letter.updatedAt,
  };
}

export function mapSummary(letter: CommunicationEntity, leadCode: string): CommunicationSummaryDto {
  return {
    id: letter.id,
    status: letter.status,
    type: letter.legacyType ?? letter.type,
    reference: letter.reference,
    leadMandate: leadCode,
    recipientCode: letter.recipientCode,
    subject: letter.subject,
    sentOn: letter.sentOn,
    recipientUnreachable: letter.recipientUnreachable,
    updatedAt: letter.updatedAt,
  };
}

export function mapVersion(version: CommunicationVersionEntity): VersionDto {
  return {
    number: version.number,
    contentHash: version.contentHash,
    createdAt: version.createdAt,
    content: version.content,
  };
}

export function mapPortalCommunication(
  letter: CommunicationEntity,
  version: CommunicationVersionEntity,
  signingTitles: string[],
  followsUp: LetterLinkDto[],
  inbox: PortalInboxFacts,
): PortalCommunicationDto {
  const content = version.content;
  return {
    id: letter.id,
    reference: letter.reference as string,
    type: letter.legacyType ?? letter.type,
    sentOn: letter.sentOn as string,
    replyRequestedBy: letter.replyRequestedBy as string,
    publicFrom: letter.publicFrom as string,
    mandates: signingTitles,
    language: content.language,
    subject: content.subject,
    body: content.body,
    victims: content.victims,
    lawOrPolicy: content.lawOrPolicy,
    perpetrators: content.perpetrators,
    followsUp,
    ...inbox,
  };
}

/** What the State's inbox says of a letter besides its content. */
export type PortalInboxFacts = Pick<
  PortalCommunicationDto,
  'followedUpBy' | 'replyStatus' | 'replyDaysLeft' | 'replyDays' | 'computedReplyRequestedBy' | 'openedAt'
>;
