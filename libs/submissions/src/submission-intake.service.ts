import { Injectable } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { storedPerpetrators, storedVictims } from './submission-facts';
import { SubmitInformationDto } from './submission-input.dto';
import { SubmissionEntity } from './submission.entity';
import { SubmissionErrorCode, SubmissionException } from './submission.exception';
import { SubmissionReferences } from './submission-references';
import { SubmissionRepository } from './submission.repository';
import {
  IntakeChannel,
  MinimumContentInput,
  SubmissionStatus,
  generateReceiptCode,
  minimumContentProblems,
} from './submission.rules';

/** How information enters: checked for the minimum content (C1), stored with its source, audited. */
@Injectable()
export class SubmissionIntakeService {
  constructor(
    private readonly repository: SubmissionRepository,
    private readonly references: SubmissionReferences,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Stores information received through the channel, as the recorder (the source online, else the assistant). */
  async receive(dto: SubmitInformationDto, channel: IntakeChannel, recorder: Actor): Promise<SubmissionEntity> {
    const now = this.clock.now();
    this.requireMinimumContent(dto, now);
    return this.tx.run(async () => {
      if (dto.stateCode) {
        await this.references.requireState(dto.stateCode);
      }
      const mandateIds = await this.references.resolveMandateIds(dto.mandates ?? []);
      const submission = await this.repository.insert(
        Object.assign(new SubmissionEntity(), {
          receiptCode: await this.newReceiptCode(),
          channel,
          status: 'received' satisfies SubmissionStatus,
          receivedAt: now,
          statusChangedAt: null,
          stateCode: dto.stateCode ?? null,
          otherRecipient: dto.otherRecipient ?? null,
          victims: storedVictims(dto.victims ?? []),
          lawOrPolicy: dto.lawOrPolicy ?? null,
          perpetrators: storedPerpetrators(dto.perpetrators),
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

  /** Throws unless the facts hold the minimum content (C1) on the day of `at` (rules timezone). */
  requireMinimumContent(facts: MinimumContentInput, at: Date = this.clock.now()): void {
    const problems = minimumContentProblems(facts, calendarDateIn(at, this.config.rules.timezone));
    if (problems.length > 0) {
      throw new SubmissionException(
        SubmissionErrorCode.Incomplete,
        `The information cannot be considered (C1): ${problems.map((problem) => problem.message).join('; ')}`,
        problems,
      );
    }
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
}
