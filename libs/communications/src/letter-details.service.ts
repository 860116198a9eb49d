import { Injectable } from '@nestjs/common';
import { ReferenceRepository } from '@spcomms/reference';
import { CommunicationEntity } from './communication.entity';
import { CommunicationDto, LetterLinkDto } from './communication-response.dto';
import { CommunicationsRepository } from './communications.repository';
import { mapCommunication } from './communications.mapper';

/** Loads everything the internal view of a letter shows. */
@Injectable()
export class LetterDetailsService {
  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly reference: ReferenceRepository,
  ) {}

  async describe(letter: CommunicationEntity): Promise<CommunicationDto> {
    // Sequential on purpose: this also runs inside transactions, whose queries share one connection.
    const version = await this.repository.findVersion(letter.id, letter.currentVersion);
    const mandates = await this.repository.findMandatesOf(letter.id);
    const approvals = await this.repository.findApprovalsOf(letter.id);
    const links = await this.repository.findFollowUpLinks(letter.id);
    const state = await this.reference.findState(letter.recipientCode);
    const otherRecipient = letter.otherRecipientId
      ? await this.reference.findOtherRecipient(letter.otherRecipientId)
      : null;
    if (!version) {
      throw new Error(`Letter ${letter.id} has no version ${letter.currentVersion}`);
    }
    const versions = await this.repository.findVersions(letter.id);
    const mandateEntities = await this.reference.findMandates(mandates.map((m) => m.mandateId));
    return mapCommunication({
      letter,
      version,
      mandates,
      approvals,
      versionNumbers: new Map(versions.map((v) => [v.id, v.number])),
      mandateById: new Map(mandateEntities.map((m) => [m.id, m])),
      state,
      otherRecipient,
      followsUp: await this.links(links.followsUp),
      followedUpBy: await this.links(links.followedUpBy),
    });
  }

  /** The recipient's name as the API answers it: the State's UN short name, or the other recipient's name. */
  async recipientName(letter: Pick<CommunicationEntity, 'recipientCode' | 'otherRecipientId'>): Promise<string> {
    if (letter.otherRecipientId) {
      return (await this.reference.findOtherRecipient(letter.otherRecipientId))?.name ?? letter.recipientCode;
    }
    return (await this.reference.findState(letter.recipientCode))?.name ?? letter.recipientCode;
  }

  async links(ids: string[]): Promise<LetterLinkDto[]> {
    const letters = await this.repository.findByIds(ids);
    return letters.map((letter) => ({ id: letter.id, reference: letter.reference }));
  }
}
