import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Actor, PublicActor, Role, requireRole } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { Page, decodeInstantCursor, encodeInstantCursor, pageOf, pageSize } from '@spcomms/paging';
import { SubmissionAccess } from './submission-access';
import { SubmissionCriterionEntity } from './submission-criterion.entity';
import { SubmissionDetailsService } from './submission-details.service';
import { changedFacts, editedFacts } from './submission-facts';
import { CreateSubmissionDto, SubmitInformationDto, UpdateSubmissionDto } from './submission-input.dto';
import {
  AssignMandatesDto,
  ListSubmissionsQueryDto,
  RejectSubmissionDto,
  ScreenSubmissionDto,
} from './submission-review.dto';
import { SubmissionIntakeService } from './submission-intake.service';
import { SubmissionDto, SubmissionReceiptDto, SubmissionSummaryDto } from './submission.dto';
import { SubmissionEntity } from './submission.entity';
import { SubmissionErrorCode, SubmissionException } from './submission.exception';
import { mapSubmissionSummary } from './submission.mapper';
import { SubmissionReferences } from './submission-references';
import { SourceIdentity, SubmissionRepository, SubmissionScope } from './submission.repository';
import {
  EDITABLE_FACTS,
  EDITABLE_STATUSES,
  SubmissionStatus,
  duplicateCriteria,
  evaluateScreening,
} from './submission.rules';

/**
 * Who the audit log names for a submission from the online form. The client address is not kept:
 * it could identify the source, whose identity is confidential forever (C14).
 */
const ONLINE_SOURCE: PublicActor = { kind: 'public', ip: 'withheld' };

/**
 * Submissions: intake, screening, triage and corrections, and what drafting and publication need
 * of them. Intake is in SubmissionIntakeService, visibility in SubmissionAccess,
 * the view of one submission in SubmissionDetailsService.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly repository: SubmissionRepository,
    private readonly access: SubmissionAccess,
    private readonly details: SubmissionDetailsService,
    private readonly references: SubmissionReferences,
    private readonly intake: SubmissionIntakeService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The online questionnaire: anyone may submit; the answer is a receipt code and nothing else. */
  async submit(_actor: Actor, dto: SubmitInformationDto): Promise<SubmissionReceiptDto> {
    const submission = await this.intake.receive(dto, 'online', ONLINE_SOURCE);
    return { receiptCode: submission.receiptCode };
  }

  /** Information an assistant received by e-mail, letter, in a meeting or otherwise: same content rules (C1). */
  async create(actor: Actor, dto: CreateSubmissionDto): Promise<SubmissionDto> {
    requireRole(actor, Role.Assistant);
    const submission = await this.intake.receive(dto, dto.channel, actor);
    return this.details.describe(submission);
  }

  async get(actor: Actor, id: string): Promise<SubmissionDto> {
    return this.details.describe(await this.access.loadVisible(actor, id));
  }

  async list(actor: Actor, query: ListSubmissionsQueryDto): Promise<Page<SubmissionSummaryDto>> {
    requireRole(actor, Role.Assistant, Role.MandateHolder);
    const scope = this.access.scopeOf(actor) as SubmissionScope;
    const limit = pageSize(query.limit);
    const after = query.cursor === undefined ? undefined : decodeInstantCursor(query.cursor);
    if (after === null) {
      throw new SubmissionException(SubmissionErrorCode.InvalidCursor, 'cursor is not a nextCursor given by this list');
    }
    const mandateId = query.mandate ? (await this.references.resolveMandateIds([query.mandate]))[0] : undefined;
    const rows = await this.repository.findPageVisible(scope, {
      status: query.status,
      mandateId,
      triageOnly: query.triage,
      after: after && { receivedAt: after.at, id: after.id },
      limit,
    });
    const { items, nextCursor } = pageOf(rows, limit, (last) =>
      encodeInstantCursor({ at: last.receivedAt, id: last.id }),
    );
    const ids = items.map((submission) => submission.id);
    const mandateIds = await this.repository.findMandateIds(ids);
    const communicationIds = await this.repository.findCommunicationIds(ids);
    const codes = await this.references.mandateCodes([...mandateIds.values()].flat());
    return {
      items: items.map((submission) =>
        mapSubmissionSummary(
          submission,
          (mandateIds.get(submission.id) ?? []).map((id) => codes.get(id) ?? id),
          communicationIds.get(submission.id) ?? [],
        ),
      ),
      nextCursor,
    };
  }

  /** For an assistant's home: how many received submissions wait for screening, and the oldest ones. */
  async toScreen(actor: Actor, limit = 10): Promise<{ count: number; items: SubmissionSummaryDto[] }> {
    requireRole(actor, Role.Assistant);
    const scope = this.access.scopeOf(actor) as SubmissionScope;
    const count = await this.repository.countVisible(scope, 'received');
    const page = await this.list(actor, { status: 'received', limit });
    return { count, items: page.items };
  }

  /**
   * Records Code of Conduct criteria (C2). The submission becomes screened once every criterion is
   * recorded and passed, inadmissible as soon as one fails or C4 excludes the source. Domestic
   * remedies and treaty ratification play no part (C3).
   */
  async screen(actor: Actor, id: string, dto: ScreenSubmissionDto): Promise<SubmissionDto> {
    requireRole(actor, Role.Assistant);
    const duplicates = duplicateCriteria(dto.criteria);
    if (duplicates.length > 0) {
      throw new SubmissionException(
        SubmissionErrorCode.DuplicateCriterion,
        `Criteria given twice: ${duplicates.join(', ')}`,
        { duplicates },
      );
    }
    return this.tx.run(async () => {
      const submission = await this.access.loadVisible(actor, id, { lock: true });
      this.requireReceived(submission, 'screened');
      const now = this.clock.now();
      await this.repository.saveCriteria(
        dto.criteria.map((entry) =>
          Object.assign(new SubmissionCriterionEntity(), {
            submissionId: submission.id,
            criterion: entry.criterion,
            passed: entry.passed,
            note: entry.note ?? null,
            recordedAt: now,
          }),
        ),
      );
      const recorded = await this.repository.findCriteria(submission.id);
      const source = await this.details.sourceOf(submission.id);
      const mandateIds = await this.repository.findMandateIds([submission.id]);
      const codes = await this.references.mandateCodes(mandateIds.get(submission.id) ?? []);
      const outcome = evaluateScreening(recorded, {
        mandateCodes: [...codes.values()],
        relation: source.relation,
      });
      const before = { status: submission.status };
      if (outcome.status !== 'received') {
        submission.status = outcome.status;
        submission.inadmissibleGrounds = outcome.grounds;
        submission.statusChangedAt = now;
        await this.repository.save(submission);
      }
      await this.audit.record(actor, {
        action: 'submission.screen',
        subject: { type: 'submission', id: submission.id },
        before,
        after: {
          status: submission.status,
          criteria: dto.criteria.map((entry) => ({ criterion: entry.criterion, passed: entry.passed })),
          pendingCriteria: outcome.pending,
          grounds: outcome.grounds,
        },
      });
      return this.details.describe(submission);
    });
  }

  async reject(actor: Actor, id: string, dto: RejectSubmissionDto): Promise<SubmissionDto> {
    requireRole(actor, Role.Assistant);
    return this.tx.run(async () => {
      const submission = await this.access.loadVisible(actor, id, { lock: true });
      this.requireReceived(submission, 'rejected');
      const before = { status: submission.status };
      submission.status = 'rejected';
      submission.rejectionReason = dto.reason;
      submission.statusChangedAt = this.clock.now();
      await this.repository.save(submission);
      // The reason is free text that may name people: the audit keeps the status change only.
      await this.audit.record(actor, {
        action: 'submission.reject',
        subject: { type: 'submission', id },
        before,
        after: { status: submission.status },
      });
      return this.details.describe(submission);
    });
  }

  /**
   * Gives a received submission its mandates (triage of the online form, or a correction): the
   * submission is then seen by the staff of those mandates only (and no longer waits for triage).
   */
  async assignMandates(actor: Actor, id: string, dto: AssignMandatesDto): Promise<SubmissionDto> {
    requireRole(actor, Role.Assistant);
    return this.tx.run(async () => {
      const submission = await this.access.loadVisible(actor, id, { lock: true });
      if (submission.status !== 'received') {
        throw new SubmissionException(
          SubmissionErrorCode.InvalidStatus,
          `This submission is ${submission.status}: only a received submission can be given other mandates`,
          { status: submission.status },
        );
      }
      const mandateIds = await this.references.resolveMandateIds([...new Set(dto.mandates)]);
      const before = (await this.repository.findMandateIds([submission.id])).get(submission.id) ?? [];
      await this.repository.replaceMandates(submission.id, mandateIds);
      await this.audit.record(actor, {
        action: 'submission.assign_mandates',
        subject: { type: 'submission', id: submission.id },
        before: { mandateIds: before },
        after: { mandateIds },
      });
      return this.details.describe(submission);
    });
  }

  /**
   * Corrects the facts of a received or screened submission (a field left out is kept, null clears
   * it). The result must still hold the minimum content (C1); the source and the screening stay as
   * they are. The audit names the fields changed, not their values, which may name people.
   */
  async update(actor: Actor, id: string, dto: UpdateSubmissionDto): Promise<SubmissionDto> {
    requireRole(actor, Role.Assistant);
    const given = EDITABLE_FACTS.filter((field) => dto[field] !== undefined);
    if (given.length === 0) {
      throw new SubmissionException(
        SubmissionErrorCode.EmptyEdit,
        `Give at least one of: ${EDITABLE_FACTS.join(', ')}`,
      );
    }
    return this.tx.run(async () => {
      const submission = await this.access.loadVisible(actor, id, { lock: true });
      if (!(EDITABLE_STATUSES as readonly string[]).includes(submission.status)) {
        throw new SubmissionException(
          SubmissionErrorCode.InvalidStatus,
          `This submission is ${submission.status}: only a received or screened submission can be edited`,
          { status: submission.status },
        );
      }
      const next = editedFacts(submission, dto);
      this.intake.requireMinimumContent({ ...next, source: await this.details.sourceOf(submission.id) });
      if (next.stateCode && next.stateCode !== submission.stateCode) {
        await this.references.requireState(next.stateCode);
      }
      const changed = changedFacts(submission, next);
      if (changed.length === 0) {
        return this.details.describe(submission);
      }
      Object.assign(submission, next);
      await this.repository.save(submission);
      await this.audit.record(actor, {
        action: 'submission.edit',
        subject: { type: 'submission', id: submission.id },
        before: { status: submission.status },
        after: { fields: changed },
      });
      return this.details.describe(submission);
    });
  }

  /** For the communications lib: throws unless the caller may see the submission and it is screened. */
  async assertReadyForDrafting(actor: Actor, submissionId: string): Promise<void> {
    requireRole(actor, Role.Assistant);
    const submission = await this.access.loadVisible(actor, submissionId, { lock: this.tx.inTransaction });
    this.requireScreened(submission);
  }

  /** Records that a letter was drafted from the submission (one submission may lead to several letters). */
  async linkToCommunication(actor: Actor, submissionId: string, communicationId: string): Promise<void> {
    requireRole(actor, Role.Assistant);
    if (!isUUID(communicationId)) {
      throw new SubmissionException(
        SubmissionErrorCode.InvalidCommunication,
        `${communicationId} is not a communication id`,
      );
    }
    return this.tx.run(async () => {
      const submission = await this.access.loadVisible(actor, submissionId, { lock: true });
      this.requireScreened(submission);
      if (await this.repository.linkCommunication(submission.id, communicationId, this.clock.now())) {
        await this.audit.record(actor, {
          action: 'submission.link',
          subject: { type: 'submission', id: submission.id },
          after: { communicationId },
        });
      }
    });
  }

  /**
   * For the redaction of a letter's public version only (C14): the names and organisations of the
   * sources of the submissions linked to the letter, so that they can be withheld. Never returned by
   * an API; the caller is the system, which has no scope to check.
   */
  sourcesToWithhold(communicationId: string): Promise<SourceIdentity[]> {
    return this.repository.findSourcesOfCommunication(communicationId);
  }

  private requireReceived(submission: SubmissionEntity, target: SubmissionStatus): void {
    if (submission.status !== 'received') {
      const verb = target === 'rejected' ? 'rejected' : 'screened';
      throw new SubmissionException(
        SubmissionErrorCode.InvalidStatus,
        `This submission is ${submission.status.replace('_', ' ')}: only a received submission can be ${verb}`,
        {
          status: submission.status,
        },
      );
    }
  }

  private requireScreened(submission: SubmissionEntity): void {
    const why: Record<SubmissionStatus, string | null> = {
      screened: null,
      received: 'has not passed screening yet: every Code of Conduct criterion must be recorded first (C2)',
      inadmissible: 'is inadmissible',
      rejected: 'was rejected',
    };
    const reason = why[submission.status];
    if (reason) {
      throw new SubmissionException(
        SubmissionErrorCode.NotScreened,
        `Submission ${submission.receiptCode} ${reason}: no letter can be drafted from it`,
        {
          status: submission.status,
        },
      );
    }
  }
}
