import { ApiProperty } from '@nestjs/swagger';
import { ALL_ASSURANCE_ITEMS } from './visit-assurance';
import { ALL_VISIT_MOVES, VisitChannel } from './visit-move';
import { ALL_VISIT_STATUSES } from './visit-status.machine';

export class VisitPeriodDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
}

export class VisitMandateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'TORTURE' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['thematic', 'country'] }) kind!: string;
}

export class VisitStateDto {
  @ApiProperty({ example: 'CHE' }) code!: string;
  @ApiProperty({ example: 'Switzerland' }) name!: string;
}

/** V2: the State's standing invitation in force. It does not replace the agreement on dates. */
export class VisitStandingInvitationDto {
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ description: 'A standing invitation covers thematic mandates' }) appliesToMandate!: boolean;
}

export class VisitReportDto {
  @ApiProperty({ example: 'A/HRC/55/50/Add.1' }) symbol!: string;
  @ApiProperty({ example: 55 }) session!: number;
}

export class VisitAssuranceDto {
  @ApiProperty({ enum: ALL_ASSURANCE_ITEMS }) item!: string;
  @ApiProperty() requested!: boolean;
  @ApiProperty() confirmed!: boolean;
}

export class StaffVisitAssuranceDto extends VisitAssuranceDto {
  @ApiProperty({ nullable: true, type: String, description: 'Internal note' }) note!: string | null;
}

export class VisitStatusChangeDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ALL_VISIT_STATUSES, nullable: true, type: String }) from!: string | null;
  @ApiProperty({ enum: ALL_VISIT_STATUSES }) to!: string;
  @ApiProperty({ enum: ALL_VISIT_MOVES }) move!: string;
  @ApiProperty({ enum: Object.values(VisitChannel) }) channel!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ type: VisitPeriodDto, nullable: true }) period!: VisitPeriodDto | null;
}

export class StaffVisitStatusChangeDto extends VisitStatusChangeDto {
  @ApiProperty({ example: 'assistant', description: 'Role of who made the move, or system' }) actorRole!: string;
  @ApiProperty({ example: 'a.assistant' }) actorLabel!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Day a recorded answer was received' })
  receivedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Internal note' }) note!: string | null;
}

export class VisitFollowUpDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['report', 'visit'] }) kind!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() createdAt!: Date;
}

/** A line of a list: nothing confidential. */
export class VisitSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: VisitMandateDto }) mandate!: VisitMandateDto;
  @ApiProperty({ type: VisitStateDto }) state!: VisitStateDto;
  @ApiProperty({ enum: ALL_VISIT_STATUSES }) status!: string;
  @ApiProperty({ format: 'date' }) requestedOn!: string;
  @ApiProperty({ type: VisitPeriodDto, nullable: true, description: 'The agreed dates' })
  scheduledPeriod!: VisitPeriodDto | null;
  @ApiProperty() remindersSent!: number;
  @ApiProperty({ type: VisitStandingInvitationDto, nullable: true })
  standingInvitation!: VisitStandingInvitationDto | null;
}

/** What the State and the mandate's staff both see of a request. */
export class VisitCoreDto extends VisitSummaryDto {
  @ApiProperty({ enum: ALL_VISIT_STATUSES, isArray: true, description: 'Statuses the request may move to next' })
  allowedNext!: string[];
  @ApiProperty({ type: VisitPeriodDto, nullable: true, description: 'The period the mandate proposed' })
  requestedPeriod!: VisitPeriodDto | null;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: VisitPeriodDto, nullable: true, description: 'The latest dates proposed' })
  proposedPeriod!: VisitPeriodDto | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endOfMissionOn!: string | null;
  @ApiProperty({ type: VisitReportDto, nullable: true }) report!: VisitReportDto | null;
}

/** A visit request as the State asked sees it: no internal notes, no names of staff. */
export class GovernmentVisitDto extends VisitCoreDto {
  @ApiProperty({ type: [VisitAssuranceDto] }) assurances!: VisitAssuranceDto[];
  @ApiProperty({ type: [VisitStatusChangeDto] }) history!: VisitStatusChangeDto[];
}

/** A visit request as the mandate's staff see it, with internal notes and the full history. */
export class VisitDto extends VisitCoreDto {
  @ApiProperty({ nullable: true, type: String, description: 'Internal notes' }) notes!: string | null;
  @ApiProperty({ type: [StaffVisitAssuranceDto] }) assurances!: StaffVisitAssuranceDto[];
  @ApiProperty({ type: [StaffVisitStatusChangeDto] }) history!: StaffVisitStatusChangeDto[];
  @ApiProperty({ type: [VisitFollowUpDto] }) followUps!: VisitFollowUpDto[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class PublicStateVisitsDto {
  @ApiProperty({ example: 'CHE' }) stateCode!: string;
  @ApiProperty({ example: 'Switzerland' }) stateName!: string;
  @ApiProperty({ enum: ['member', 'observer'] }) stateStatus!: string;
  @ApiProperty({ description: 'Visits carried out (completed)' }) visitsCarriedOut!: number;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'Last day of the latest visit carried out',
  })
  lastVisitOn!: string | null;
  @ApiProperty({ description: 'Visits agreed to and not carried out yet' }) visitsAgreed!: number;
  @ApiProperty({ description: 'Requests the State has not agreed to yet' }) requestsPending!: number;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Standing invitation in force since' })
  standingInvitationSince!: string | null;
}

export class PublicNeverVisitedDto {
  @ApiProperty({ example: 'TKM' }) stateCode!: string;
  @ApiProperty() stateName!: string;
  @ApiProperty({ enum: ['member', 'observer'] }) stateStatus!: string;
  @ApiProperty() requestsPending!: number;
  @ApiProperty({ format: 'date', nullable: true, type: String }) standingInvitationSince!: string | null;
}

export class PublicVisitsYearDto {
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ description: 'Visits carried out whose last day fell in the year' }) visitsCarriedOut!: number;
  @ApiProperty({ description: 'Distinct States those visits went to' }) statesVisited!: number;
}

export class PublicPendingRequestDto {
  @ApiProperty({ example: 'TORTURE' }) mandateCode!: string;
  @ApiProperty() mandateTitle!: string;
  @ApiProperty({ example: 'CHE' }) stateCode!: string;
  @ApiProperty() stateName!: string;
  @ApiProperty({ format: 'date' }) requestedOn!: string;
  @ApiProperty({ enum: ['requested', 'reminder_sent', 'acknowledged', 'no_response'] }) status!: string;
}
