import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Actor, PublicActor, Role, requireRole } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { NotFoundException } from '@spcomms/errors';
import { Page, decodeInstantCursor, encodeInstantCursor, pageOf, pageSize } from '@spcomms/paging';
import { ReferenceRepository, ReferenceService } from '@spcomms/reference';
import { SubmissionCriterionEntity } from './submission-criterion.entity';
import {
  AssignMandatesDto,
  CreateSubmissionDto,
  ListSubmissionsQueryDto,
  RejectSubmissionDto,
  ScreenSubmissionDto,
  SubmitInformationDto,
  UpdateSubmissionDto,
} from './submission-input.dto';
import { SubmissionDto, SubmissionReceiptDto, SubmissionSummaryDto } from './submission.dto';
import { SubmissionEntity } from './submission.entity';
import { SubmissionErrorCode, SubmissionException } from './submission.exception';
import { mapSubmission, mapSubmissionSummary } from './submission.mapper';
import { SourceIdentity, SubmissionRepository, SubmissionScope } from './submission.repository';
import {
  EDITABLE_FACTS,
  EDITABLE_STATUSES,
  IntakeChannel,
  SubmissionStatus,
  duplicateCriteria,
  evaluateScreening,
  generateReceiptCode,
  minimumContentProblems,
} from './submission.rules';

/**
 * Who the audit log names for a submission from the online form. The client address is not kept:
 * it could identify the source, whose identity is confidential forever (C14).
 */
const ONLINE_SOURCE: PublicActor = { kind: 'public', ip: 'withheld' };

/** A value as text with object keys sorted: jsonb does not keep the order in which keys were written. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly repository: SubmissionRepository,
    private readonly reference: ReferenceService,
    private readonly mandates: ReferenceRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The online questionnaire: anyone may submit; the answer is a receipt code and nothing else. */
  async submit(_actor: Actor, dto: SubmitInformationDto): Promise<SubmissionReceiptDto> {
    const submission = await this.receive(dto, 'online', ONLINE_SOURCE);
    return { receiptCode: submission.receiptCode };
  }

  /** Information an assistant received by e-mail, letter, in a meeting or otherwise: same content rules (C1). */
  async create(actor: Actor, dto: CreateSubmissionDto): Promise<SubmissionDto> {
    requireRole(actor, Role.Assistant);
    const submission = await this.receive(dto, dto.channel, actor);
    return this.describe(submission);
  }

  async get(actor: Actor, id: string): Promise<SubmissionDto> {
    return this.describe(await this.loadVisible(actor, id));
  }

  async list(actor: Actor, query: ListSubmissionsQueryDto): Promise<Page<SubmissionSummaryDto>> {
    requireRole(actor, Role.Assistant, Role.MandateHolder);
    const scope = this.scopeOf(actor) as SubmissionScope;
    const limit = pageSize(query.limit);
    const after = query.cursor === undefined ? undefined : decodeInstantCursor(query.cursor);
    if (after === null) {
      throw new SubmissionException(SubmissionErrorCode.InvalidCursor, 'cursor is not a nextCursor given by this list');
    }
    const mandateId = query.mandate ? (await this.resolveMandateIds([query.mandate]))[0] : undefined;
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
    const codes = await this.mandateCodes([...mandateIds.values()].flat());
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
    const scope = this.scopeOf(actor) as SubmissionScope;
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
      const submission = await this.loadVisible(actor, id, { lock: true });
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
      const source = await this.repository.findSource(submission.id);
      const mandateIds = await this.repository.findMandateIds([submission.id]);
      const codes = await this.mandateCodes(mandateIds.get(submission.id) ?? []);
      const outcome = evaluateScreening(recorded, {
        mandateCodes: [...codes.values()],
        relation: this.required(source).relation,
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
      return this.describe(submission);
    });
  }

  async reject(actor: Actor, id: string, dto: RejectSubmissionDto): Promise<SubmissionDto> {
    requireRole(actor, Role.Assistant);
    return this.tx.run(async () => {
      const submission = await this.loadVisible(actor, id, { lock: true });
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
      return this.describe(submission);
    });
  }

  /**
   * Gives a received submission its mandates (triage of the online form, or a correction): the
   * submission is then seen by the staff of those mandates only (and no longer waits for triage).
   */
  async assignMandates(actor: Actor, id: string, dto: AssignMandatesDto): Promise<SubmissionDto> {
    requireRole(actor, Role.Assistant);
    return this.tx.run(async () => {
      const submission = await this.loadVisible(actor, id, { lock: true });
      if (submission.status !== 'received') {
        throw new SubmissionException(
          SubmissionErrorCode.InvalidStatus,
          `This submission is ${submission.status}: only a received submission can be given other mandates`,
          { status: submission.status },
        );
      }
      const mandateIds = await this.resolveMandateIds([...new Set(dto.mandates)]);
      const before = (await this.repository.findMandateIds([submission.id])).get(submission.id) ?? [];
      await this.repository.replaceMandates(submission.id, mandateIds);
      await this.audit.record(actor, {
        action: 'submission.assign_mandates',
        subject: { type: 'submission', id: submission.id },
        before: { mandateIds: before },
        after: { mandateIds },
      });
      return this.describe(submission);
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
      const submission = await this.loadVisible(actor, id, { lock: true });
      if (!(EDITABLE_STATUSES as readonly string[]).includes(submission.status)) {
        throw new SubmissionException(
          SubmissionErrorCode.InvalidStatus,
          `This submission is ${submission.status}: only a received or screened submission can be edited`,
          { status: submission.status },
        );
      }
      const next = this.applyEdit(submission, dto);
      const source = this.required(await this.repository.findSource(submission.id));
      const problems = minimumContentProblems(
        { ...next, source },
        calendarDateIn(this.clock.now(), this.config.rules.timezone),
      );
      if (problems.length > 0) {
        throw new SubmissionException(
          SubmissionErrorCode.Incomplete,
          `The information cannot be considered (C1): ${problems.map((problem) => problem.message).join('; ')}`,
          problems,
        );
      }
      if (next.stateCode && next.stateCode !== submission.stateCode) {
        await this.requireState(next.stateCode);
      }
      const changed = EDITABLE_FACTS.filter((field) => canonical(next[field]) !== canonical(submission[field]));
      if (changed.length === 0) {
        return this.describe(submission);
      }
      Object.assign(submission, next);
      await this.repository.save(submission);
      await this.audit.record(actor, {
        action: 'submission.edit',
        subject: { type: 'submission', id: submission.id },
        before: { status: submission.status },
        after: { fields: changed },
      });
      return this.describe(submission);
    });
  }

  /** For the communications lib: throws unless the caller may see the submission and it is screened. */
  async assertReadyForDrafting(actor: Actor, submissionId: string): Promise<void> {
    requireRole(actor, Role.Assistant);
    const submission = await this.loadVisible(actor, submissionId, { lock: this.tx.inTransaction });
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
      const submission = await this.loadVisible(actor, submissionId, { lock: true });
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

  // ---- helpers ----

  private async receive(dto: SubmitInformationDto, channel: IntakeChannel, recorder: Actor): Promise<SubmissionEntity> {
    const now = this.clock.now();
    const problems = minimumContentProblems(dto, calendarDateIn(now, this.config.rules.timezone));
    if (problems.length > 0) {
      throw new SubmissionException(
        SubmissionErrorCode.Incomplete,
        `The information cannot be considered (C1): ${problems.map((problem) => problem.message).join('; ')}`,
        problems,
      );
    }
    return this.tx.run(async () => {
      if (dto.stateCode) {
        await this.requireState(dto.stateCode);
      }
      const mandateIds = await this.resolveMandateIds(dto.mandates ?? []);
      const submission = await this.repository.insert(
        Object.assign(new SubmissionEntity(), {
          receiptCode: await this.newReceiptCode(),
          channel,
          status: 'received' satisfies SubmissionStatus,
          receivedAt: now,
          statusChangedAt: null,
          stateCode: dto.stateCode ?? null,
          otherRecipient: dto.otherRecipient ?? null,
          victims: (dto.victims ?? []).map((victim) => ({
            kind: victim.kind,
            name: victim.name ?? null,
            description: victim.description ?? null,
            gender: victim.gender ?? null,
            ageGroup: victim.ageGroup ?? null,
          })),
          lawOrPolicy: dto.lawOrPolicy ?? null,
          perpetrators: dto.perpetrators.map((perpetrator) => ({
            kind: perpetrator.kind,
            description: perpetrator.description,
          })),
          occurredFrom: dto.occurredFrom,
          occurredTo: dto.occurredTo ?? null,
          place: dto.place,
          description: dto.description,
          domesticRemedies: dto.domesticRemedies ?? null,
          remediesExhausted: dto.remediesExhausted ?? null,
          confidentialFields: dto.confidentialFields ?? [],
          inadmissibleGrounds: [],
          rejectionReason: null,
        }),
        {
          name: dto.source.name,
          organisation: dto.source.organisation ?? null,
          email: dto.source.email ?? null,
          phone: dto.source.phone ?? null,
          relation: dto.source.relation,
        },
        mandateIds,
      );
      // Ids and statuses only: the source's identity never enters the audit log (C14).
      await this.audit.record(recorder, {
        action: 'submission.receive',
        subject: { type: 'submission', id: submission.id },
        after: { status: submission.status, channel, mandateIds },
      });
      return submission;
    });
  }

  /** The facts after the edit: given fields replace the stored ones, null clears a nullable one. */
  private applyEdit(
    submission: SubmissionEntity,
    dto: UpdateSubmissionDto,
  ): Pick<SubmissionEntity, (typeof EDITABLE_FACTS)[number]> {
    const keep = <T>(value: T | undefined, stored: T): T => (value === undefined ? stored : value);
    return {
      stateCode: keep(dto.stateCode, submission.stateCode),
      otherRecipient: keep(dto.otherRecipient, submission.otherRecipient),
      victims:
        dto.victims === undefined
          ? submission.victims
          : dto.victims.map((victim) => ({
              kind: victim.kind,
              name: victim.name ?? null,
              description: victim.description ?? null,
              gender: victim.gender ?? null,
              ageGroup: victim.ageGroup ?? null,
            })),
      lawOrPolicy: keep(dto.lawOrPolicy, submission.lawOrPolicy),
      perpetrators:
        dto.perpetrators === undefined
          ? submission.perpetrators
          : dto.perpetrators.map((perpetrator) => ({ kind: perpetrator.kind, description: perpetrator.description })),
      occurredFrom: keep(dto.occurredFrom, submission.occurredFrom),
      occurredTo: keep(dto.occurredTo, submission.occurredTo),
      place: keep(dto.place, submission.place),
      description: keep(dto.description, submission.description),
      domesticRemedies: keep(dto.domesticRemedies, submission.domesticRemedies),
      remediesExhausted: keep(dto.remediesExhausted, submission.remediesExhausted),
      confidentialFields: keep(dto.confidentialFields, submission.confidentialFields),
    };
  }

  private scopeOf(actor: Actor): SubmissionScope | null {
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
  private async loadVisible(actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<SubmissionEntity> {
    const scope = this.scopeOf(actor);
    const submission = scope && isUUID(id) ? await this.repository.findVisible(id, scope, options) : null;
    if (!submission) {
      throw new NotFoundException('submission', id);
    }
    return submission;
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

  private async requireState(code: string): Promise<void> {
    if (code === this.config.rules.otherRecipientCode) {
      throw new SubmissionException(
        SubmissionErrorCode.NotAState,
        `${code} is not a State: name a company or other non-State recipient in otherRecipient`,
      );
    }
    await this.reference.requireStates([code]);
  }

  /** Mandate ids of the codes; unknown or ended mandates are refused. */
  private async resolveMandateIds(codes: readonly string[]): Promise<string[]> {
    const found = await this.mandates.findMandatesByCode(codes);
    const active = new Map(
      found.filter((mandate) => mandate.endedOn === null).map((mandate) => [mandate.code, mandate.id]),
    );
    const unknown = codes.filter((code) => !active.has(code));
    if (unknown.length > 0) {
      throw new SubmissionException(
        SubmissionErrorCode.UnknownMandate,
        `Unknown or ended mandate(s): ${unknown.join(', ')}`,
        { unknown },
      );
    }
    return codes.map((code) => active.get(code) as string);
  }

  private async mandateCodes(ids: readonly string[]): Promise<Map<string, string>> {
    const mandates = await this.mandates.findMandates([...new Set(ids)]);
    return new Map(mandates.map((mandate) => [mandate.id, mandate.code]));
  }

  /** A receipt code no other submission has; the unique index is the final guarantee. */
  private async newReceiptCode(): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = generateReceiptCode();
      if (!(await this.repository.receiptCodeTaken(code))) {
        return code;
      }
    }
    throw new Error('Could not draw a free receipt code in 5 attempts');
  }

  private required<T>(value: T | null): T {
    if (value === null) {
      throw new Error('A submission without its source row: the database constraints were bypassed');
    }
    return value;
  }

  private async describe(submission: SubmissionEntity): Promise<SubmissionDto> {
    // Sequential on purpose: this also runs inside transactions, whose queries share one connection.
    const source = await this.repository.findSource(submission.id);
    const mandateIds = await this.repository.findMandateIds([submission.id]);
    const criteria = await this.repository.findCriteria(submission.id);
    const communicationIds = await this.repository.findCommunicationIds([submission.id]);
    const codes = await this.mandateCodes(mandateIds.get(submission.id) ?? []);
    return mapSubmission(submission, {
      source: this.required(source),
      mandateCodes: [...codes.values()],
      criteria,
      communicationIds: communicationIds.get(submission.id) ?? [],
    });
  }
}
