import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Actor, Role } from '@spcomms/access';
import { NotFoundException } from '@spcomms/errors';
import { SubmissionEntity } from './submission.entity';
import { SubmissionRepository, SubmissionScope } from './submission.repository';

/**
 * Who may see a submission: the assistants and mandate-holders of its mandates, and the assistants
 * the submissions that wait for triage. A submission the actor may not see answers 404.
 */
@Injectable()
export class SubmissionAccess {
  constructor(private readonly repository: SubmissionRepository) {}

  scopeOf(actor: Actor): SubmissionScope | null {
    if (actor.kind !== 'user') {
      return actor.kind === 'system' ? { kind: 'all' } : null;
    }
    switch (actor.role) {
      case Role.Assistant:
        return { kind: 'mandates', mandateIds: actor.mandateIds, includeTriage: true };
      case Role.MandateHolder:
        return { kind: 'mandates', mandateIds: actor.mandateIds, includeTriage: false };
      default:
        return null;
    }
  }

  /** The submission, or 404 for anyone who may not see it, so that its existence does not leak. */
  async loadVisible(actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<SubmissionEntity> {
    const scope = this.scopeOf(actor);
    const submission = scope && isUUID(id) ? await this.repository.findVisible(id, scope, options) : null;
    if (!submission) {
      throw new NotFoundException('submission', id);
    }
    return submission;
  }
}
