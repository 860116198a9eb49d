import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Actor, Role, requireRole } from '@spcomms/access';
import { PortalInboxRepository } from './portal-inbox.repository';

/** A sent letter that no e-mail could bring to its State: no focal point of the State could be written to. */
export class UnreachableLetterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'UA IRN 5/2023' }) reference!: string;
  @ApiProperty({ example: 'IRN' }) recipientCode!: string;
  @ApiProperty({ format: 'date' }) sentOn!: string;
}

/**
 * What an assistant's home must show at once: the letters of their mandates sent to a State that had
 * no reachable focal point (flagged at transmission, in the sending transaction), as long as the State
 * has not replied — the letter must reach it by other means.
 */
@Injectable()
export class WorkspaceAlertsService {
  constructor(private readonly inbox: PortalInboxRepository) {}

  async unreachableLetters(actor: Actor, limit = 20): Promise<UnreachableLetterDto[]> {
    requireRole(actor, Role.Assistant);
    return this.inbox.findUnreachableOfMandates(actor.mandateIds, Math.min(Math.max(limit, 1), 100));
  }
}
