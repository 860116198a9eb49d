import { Injectable } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { ReferenceRepository, ReferenceService } from '@spcomms/reference';
import { SubmissionErrorCode, SubmissionException } from './submission.exception';

/**
 * The reference data a submission names: its State, checked on the way in, and its mandates, whose
 * codes are turned into ids on the way in and back into codes on the way out.
 */
@Injectable()
export class SubmissionReferences {
  constructor(
    private readonly reference: ReferenceService,
    private readonly mandates: ReferenceRepository,
    private readonly config: AppConfig,
  ) {}

  async requireState(code: string): Promise<void> {
    if (code === this.config.rules.otherRecipientCode) {
      throw new SubmissionException(
        SubmissionErrorCode.NotAState,
        `${code} is not a State: name a company or other non-State recipient in otherRecipient`,
      );
    }
    await this.reference.requireStates([code]);
  }

  /** Mandate ids of the codes; unknown or ended mandates are refused. */
  async resolveMandateIds(codes: readonly string[]): Promise<string[]> {
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

  async mandateCodes(ids: readonly string[]): Promise<Map<string, string>> {
    const mandates = await this.mandates.findMandates([...new Set(ids)]);
    return new Map(mandates.map((mandate) => [mandate.id, mandate.code]));
  }
}
