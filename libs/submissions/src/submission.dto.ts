import { ApiProperty } from '@nestjs/swagger';
import {
  AGE_GROUPS,
  CONFIDENTIAL_FIELDS,
  C4_GROUND,
  GENDERS,
  INTAKE_CHANNELS,
  PERPETRATOR_KINDS,
  SCREENING_CRITERIA,
  SOURCE_RELATIONS,
  SUBMISSION_STATUSES,
  VICTIM_KINDS,
} from './submission.rules';

/** All the source gets back: a code to quote in later correspondence. */
export class SubmissionReceiptDto {
  @ApiProperty({ example: 'SP-7KQ2M9XH4T', description: 'Quote this code when writing again about the same case' })
  receiptCode!: string;
}

export class SubmissionVictimDto {
  @ApiProperty({ enum: VICTIM_KINDS }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: GENDERS, nullable: true }) gender!: string | null;
  @ApiProperty({ enum: AGE_GROUPS, nullable: true }) ageGroup!: string | null;
}

export class SubmissionPerpetratorDto {
  @ApiProperty({ enum: PERPETRATOR_KINDS }) kind!: string;
  @ApiProperty() description!: string;
}

/** The source's identity: shown only on a submission's own page, to its mandates' staff (C14). */
export class SourceDto {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) organisation!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ enum: SOURCE_RELATIONS }) relation!: string;
}

export class CriterionResultDto {
  @ApiProperty({ enum: SCREENING_CRITERIA }) criterion!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() recordedAt!: Date;
}

export class InadmissibilityGroundDto {
  @ApiProperty({ enum: [...SCREENING_CRITERIA, C4_GROUND] }) ground!: string;
  @ApiProperty({ example: 'C2: the Code of Conduct criterion failed: its language is not abusive' }) reason!: string;
}

export class ScreeningDto {
  @ApiProperty({ type: [CriterionResultDto] }) criteria!: CriterionResultDto[];
  @ApiProperty({ enum: SCREENING_CRITERIA, isArray: true, description: 'Criteria not recorded yet' })
  pendingCriteria!: string[];
  @ApiProperty({
    type: [InadmissibilityGroundDto],
    description: 'Why the submission is inadmissible (empty otherwise)',
  })
  grounds!: InadmissibilityGroundDto[];
}

export class RejectionDto {
  @ApiProperty() reason!: string;
  @ApiProperty() rejectedAt!: Date;
}

/** A line of the list: no source, no content. */
export class SubmissionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SP-7KQ2M9XH4T' }) receiptCode!: string;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status!: string;
  @ApiProperty({ enum: INTAKE_CHANNELS }) channel!: string;
  @ApiProperty() receivedAt!: Date;
  @ApiProperty({ nullable: true, type: String, example: 'IRN' }) stateCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) otherRecipient!: string | null;
  @ApiProperty({ type: [String], example: ['TORTURE'], description: 'Mandate codes; empty: for triage' })
  mandates!: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Letters drafted from this submission' })
  communicationIds!: string[];
}

export class SubmissionDto extends SubmissionSummaryDto {
  @ApiProperty({ nullable: true, type: Date }) statusChangedAt!: Date | null;
  @ApiProperty({ type: [SubmissionVictimDto] }) victims!: SubmissionVictimDto[];
  @ApiProperty({ nullable: true, type: String }) lawOrPolicy!: string | null;
  @ApiProperty({ type: [SubmissionPerpetratorDto] }) perpetrators!: SubmissionPerpetratorDto[];
  @ApiProperty({ type: SourceDto }) source!: SourceDto;
  @ApiProperty({ format: 'date' }) occurredFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) occurredTo!: string | null;
  @ApiProperty() place!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: String }) domesticRemedies!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) remediesExhausted!: boolean | null;
  @ApiProperty({ enum: CONFIDENTIAL_FIELDS, isArray: true }) confidentialFields!: string[];
  @ApiProperty({ type: ScreeningDto }) screening!: ScreeningDto;
  @ApiProperty({ type: RejectionDto, nullable: true }) rejection!: RejectionDto | null;
}
