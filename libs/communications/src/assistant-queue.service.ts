import { Injectable } from '@nestjs/common';
import { Actor, Role, requireRole } from '@spcomms/access';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { ReferenceRepository } from '@spcomms/reference';
import { AssistantQueueRepository } from './assistant-queue.repository';

export interface QueueDraft {
  id: string;
  subject: string;
  missing: string[];
  signOnBy: Date | null;
}

export interface AssistantLetterQueue {
  /** Drafts waiting for approvals of their current version (mandate codes missing). */
  awaitingSignatures: QueueDraft[];
  /** Drafts every mandate on them approved: ready to send. */
  readyToSend: QueueDraft[];
  declined: Array<{ id: string; subject: string; mandate: string; decidedAt: Date }>;
  overdue: Array<{ id: string; reference: string; replyRequestedBy: string }>;
}

/** The letters of an assistant's mandates that wait for them: signatures, declines, sending, replies (C5, C9). */
@Injectable()
export class AssistantQueueService {
  constructor(
    private readonly repository: AssistantQueueRepository,
    private readonly reference: ReferenceRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async forAssistant(actor: Actor): Promise<AssistantLetterQueue> {
    requireRole(actor, Role.Assistant);
    const mandateIds = actor.mandateIds;
    if (mandateIds.length === 0) {
      return { awaitingSignatures: [], readyToSend: [], declined: [], overdue: [] };
    }
    const today = calendarDateIn(this.clock.now(), this.config.rules.timezone);
    const drafts = await this.repository.findDrafts(mandateIds);
    const declined = await this.repository.findDeclined(mandateIds);
    const overdue = await this.repository.findOverdue(mandateIds, today);
    const ids = [...new Set([...drafts.flatMap((draft) => draft.missing), ...declined.map((row) => row.mandateId)])];
    const codes = new Map((await this.reference.findMandates(ids)).map((mandate) => [mandate.id, mandate.code]));
    const withCodes = drafts.map((draft) => ({
      ...draft,
      missing: draft.missing.map((id) => codes.get(id) ?? id).sort(),
    }));
    return {
      awaitingSignatures: withCodes.filter((draft) => draft.missing.length > 0),
      readyToSend: withCodes.filter((draft) => draft.missing.length === 0),
      declined: declined.map((row) => ({
        id: row.id,
        subject: row.subject,
        mandate: codes.get(row.mandateId) ?? row.mandateId,
        decidedAt: row.decidedAt,
      })),
      overdue,
    };
  }
}
