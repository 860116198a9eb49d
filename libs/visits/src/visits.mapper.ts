import { MandateEntity, StandingInvitationEntity, StateEntity } from '@spcomms/reference';
import { ALL_ASSURANCE_ITEMS } from './visit-assurance';
import { VisitAssuranceEntity } from './visit-assurance.entity';
import { VisitFollowUpEntity } from './visit-follow-up.entity';
import {
  GovernmentVisitDto,
  StaffVisitAssuranceDto,
  StaffVisitStatusChangeDto,
  VisitAssuranceDto,
  VisitCoreDto,
  VisitDto,
  VisitFollowUpDto,
  VisitPeriodDto,
  VisitStandingInvitationDto,
  VisitStatusChangeDto,
  VisitSummaryDto,
} from './visit-response.dto';
import { VisitStatusChangeEntity } from './visit-status-change.entity';
import { allowedNext } from './visit-status.machine';
import { VisitEntity } from './visit.entity';

/** The reference rows a visit is shown with. */
export interface VisitContext {
  mandate: MandateEntity;
  state: StateEntity;
  /** The State's standing invitation in force, if any (V2). */
  invitation: StandingInvitationEntity | null;
}

export interface VisitDetails extends VisitContext {
  assurances: VisitAssuranceEntity[];
  history: VisitStatusChangeEntity[];
  followUps: VisitFollowUpEntity[];
}

const period = (from: string | null, to: string | null): VisitPeriodDto | null => (from && to ? { from, to } : null);

export const mapStandingInvitationOfVisit = (
  invitation: StandingInvitationEntity | null,
  mandate: MandateEntity,
): VisitStandingInvitationDto | null =>
  invitation ? { issuedOn: invitation.issuedOn, appliesToMandate: mandate.kind === 'thematic' } : null;

export const mapVisitSummary = (visit: VisitEntity, context: VisitContext): VisitSummaryDto => ({
  id: visit.id,
  mandate: {
    id: context.mandate.id,
    code: context.mandate.code,
    title: context.mandate.title,
    kind: context.mandate.kind,
  },
  state: { code: context.state.code, name: context.state.name },
  status: visit.status,
  requestedOn: visit.requestedOn,
  scheduledPeriod: period(visit.scheduledFrom, visit.scheduledTo),
  remindersSent: visit.remindersSent,
  standingInvitation: mapStandingInvitationOfVisit(context.invitation, context.mandate),
});

const mapCore = (visit: VisitEntity, context: VisitContext): VisitCoreDto => ({
  ...mapVisitSummary(visit, context),
  allowedNext: allowedNext(visit.status),
  requestedPeriod: period(visit.requestedFrom, visit.requestedTo),
  purpose: visit.purpose,
  proposedPeriod: period(visit.proposedFrom, visit.proposedTo),
  endOfMissionOn: visit.endOfMissionOn,
  report:
    visit.reportSymbol && visit.reportSession ? { symbol: visit.reportSymbol, session: visit.reportSession } : null,
});

const byChecklistOrder = (a: VisitAssuranceEntity, b: VisitAssuranceEntity) =>
  ALL_ASSURANCE_ITEMS.indexOf(a.item) - ALL_ASSURANCE_ITEMS.indexOf(b.item);

const mapAssurance = (row: VisitAssuranceEntity): VisitAssuranceDto => ({
  item: row.item,
  requested: row.requested,
  confirmed: row.confirmed,
});

const mapStaffAssurance = (row: VisitAssuranceEntity): StaffVisitAssuranceDto => ({
  ...mapAssurance(row),
  note: row.note,
});

const mapStatusChange = (change: VisitStatusChangeEntity): VisitStatusChangeDto => ({
  seq: change.seq,
  from: change.fromStatus,
  to: change.toStatus,
  move: change.move,
  channel: change.channel,
  occurredAt: change.occurredAt,
  period: period(change.periodFrom, change.periodTo),
});

export const mapStaffStatusChange = (change: VisitStatusChangeEntity): StaffVisitStatusChangeDto => ({
  ...mapStatusChange(change),
  actorRole: change.actorRole,
  actorLabel: change.actorLabel,
  receivedOn: change.receivedOn,
  note: change.note,
});

const mapFollowUp = (followUp: VisitFollowUpEntity): VisitFollowUpDto => ({
  id: followUp.id,
  kind: followUp.kind,
  dueOn: followUp.dueOn,
  note: followUp.note,
  createdAt: followUp.createdAt,
});

/** For the mandate's staff: everything, internal notes included. */
export const mapVisit = (visit: VisitEntity, details: VisitDetails): VisitDto => ({
  ...mapCore(visit, details),
  notes: visit.notes,
  assurances: [...details.assurances].sort(byChecklistOrder).map(mapStaffAssurance),
  history: details.history.map(mapStaffStatusChange),
  followUps: details.followUps.map(mapFollowUp),
  createdAt: visit.createdAt,
  updatedAt: visit.updatedAt,
});

/** For the State asked: no internal notes, no checklist notes, no staff names, no follow-up planning. */
export const mapGovernmentVisit = (visit: VisitEntity, details: VisitDetails): GovernmentVisitDto => ({
  ...mapCore(visit, details),
  assurances: [...details.assurances].sort(byChecklistOrder).map(mapAssurance),
  history: details.history.map(mapStatusChange),
});
