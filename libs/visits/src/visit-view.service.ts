import { Injectable } from '@nestjs/common';
import { ReferenceRepository, StandingInvitationEntity } from '@spcomms/reference';
import { GovernmentVisitDto, VisitDto, VisitSummaryDto } from './visit-response.dto';
import { VisitContext, VisitDetails, mapGovernmentVisit, mapVisit, mapVisitSummary } from './visits.mapper';
import { VisitsRepository } from './visits.repository';
import { VisitEntity } from './visit.entity';

/** Loads what a visit is shown with and maps it for the one who asks. */
@Injectable()
export class VisitViewService {
  constructor(
    private readonly repository: VisitsRepository,
    private readonly reference: ReferenceRepository,
  ) {}

  async forStaff(visit: VisitEntity): Promise<VisitDto> {
    return mapVisit(visit, await this.details(visit));
  }

  async forGovernment(visit: VisitEntity): Promise<GovernmentVisitDto> {
    return mapGovernmentVisit(visit, await this.details(visit));
  }

  async summaries(visits: VisitEntity[]): Promise<VisitSummaryDto[]> {
    const contexts = await this.contexts(visits);
    return visits.map((visit) => mapVisitSummary(visit, contexts.get(visit.id)!));
  }

  // Sequential on purpose: inside a transaction all queries share one connection.
  private async details(visit: VisitEntity): Promise<VisitDetails> {
    const context = (await this.contexts([visit])).get(visit.id)!;
    const assurances = await this.repository.findAssurances(visit.id);
    const history = await this.repository.findHistory(visit.id);
    const followUps = await this.repository.findFollowUps(visit.id);
    return { ...context, assurances, history, followUps };
  }

  private async contexts(visits: VisitEntity[]): Promise<Map<string, VisitContext>> {
    const stateCodes = [...new Set(visits.map((visit) => visit.stateCode))];
    const mandates = await this.reference.findMandates([...new Set(visits.map((visit) => visit.mandateId))]);
    const states = await this.reference.findStates(stateCodes);
    const invitations =
      stateCodes.length === 1
        ? [await this.reference.findActiveStandingInvitation(stateCodes[0])].filter((found) => found !== null)
        : await this.reference.findActiveStandingInvitations();
    const mandateById = new Map(mandates.map((mandate) => [mandate.id, mandate]));
    const stateByCode = new Map(states.map((state) => [state.code, state]));
    const invitationByState = new Map<string, StandingInvitationEntity>(
      invitations.map((invitation) => [invitation.stateCode, invitation]),
    );
    return new Map(
      visits.map((visit) => [
        visit.id,
        {
          mandate: mandateById.get(visit.mandateId)!,
          state: stateByCode.get(visit.stateCode)!,
          invitation: invitationByState.get(visit.stateCode) ?? null,
        },
      ]),
    );
  }
}
