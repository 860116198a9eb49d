import { Injectable } from '@nestjs/common';
import { Clock, addCalendarDays, calendarDateIn, startOfCalendarDate } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { ReferenceRepository } from '@spcomms/reference';
import { CsvColumn, CsvDocument, toCsv } from './csv-document';
import { PublicVisitsRepository } from './public-visits.repository';
import {
  PublicNeverVisitedDto,
  PublicPendingRequestDto,
  PublicStateVisitsDto,
  PublicVisitsYearDto,
} from './visit-response.dto';
import { OnReadConnection, TransactionHost } from '@spcomms/database';

const STATE_COLUMNS: CsvColumn<PublicStateVisitsDto>[] = [
  { header: 'state_code', value: (row) => row.stateCode },
  { header: 'state_name', value: (row) => row.stateName },
  { header: 'state_status', value: (row) => row.stateStatus },
  { header: 'visits_carried_out', value: (row) => row.visitsCarriedOut },
  { header: 'last_visit_on', value: (row) => row.lastVisitOn },
  { header: 'visits_agreed', value: (row) => row.visitsAgreed },
  { header: 'requests_pending', value: (row) => row.requestsPending },
  { header: 'standing_invitation_since', value: (row) => row.standingInvitationSince },
];

const NEVER_VISITED_COLUMNS: CsvColumn<PublicNeverVisitedDto>[] = [
  { header: 'state_code', value: (row) => row.stateCode },
  { header: 'state_name', value: (row) => row.stateName },
  { header: 'state_status', value: (row) => row.stateStatus },
  { header: 'requests_pending', value: (row) => row.requestsPending },
  { header: 'standing_invitation_since', value: (row) => row.standingInvitationSince },
];

const PENDING_COLUMNS: CsvColumn<PublicPendingRequestDto>[] = [
  { header: 'mandate_code', value: (row) => row.mandateCode },
  { header: 'mandate_title', value: (row) => row.mandateTitle },
  { header: 'state_code', value: (row) => row.stateCode },
  { header: 'state_name', value: (row) => row.stateName },
  { header: 'requested_on', value: (row) => row.requestedOn },
  { header: 'status', value: (row) => row.status },
];

export type TableFormat = 'json' | 'csv';

/** The public country-visit tables: visits per State, States never visited, pending requests per mandate. */
@Injectable()
export class PublicVisitsService {
  constructor(
    private readonly repository: PublicVisitsRepository,
    private readonly reference: ReferenceRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
  ) {}

  /**
   * Every State (Member and observer): visits carried out, agreed, requests pending, standing invitation
   * since — as of now, counted as the statistics count them (visit-counting).
   */
  async statesTable(): Promise<PublicStateVisitsDto[]> {
    const states = await this.reference.findAllStates();
    const invitations = await this.reference.findActiveStandingInvitations();
    const counts = await this.repository.countsByState(...this.asOfToday());
    const invitationOf = new Map(invitations.map((invitation) => [invitation.stateCode, invitation.issuedOn]));
    const countsOf = new Map(counts.map((row) => [row.stateCode, row]));
    return states
      .filter((state) => state.status !== 'pseudo')
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
      .map((state) => {
        const row = countsOf.get(state.code);
        return {
          stateCode: state.code,
          stateName: state.name,
          stateStatus: state.status,
          visitsCarriedOut: row?.carriedOut ?? 0,
          lastVisitOn: row?.lastVisitOn ?? null,
          visitsAgreed: row?.agreed ?? 0,
          requestsPending: row?.pending ?? 0,
          standingInvitationSince: invitationOf.get(state.code) ?? null,
        };
      });
  }

  /** States where no visit has been carried out. */
  async neverVisited(): Promise<PublicNeverVisitedDto[]> {
    return (await this.statesTable())
      .filter((row) => row.visitsCarriedOut === 0)
      .map((row) => ({
        stateCode: row.stateCode,
        stateName: row.stateName,
        stateStatus: row.stateStatus,
        requestsPending: row.requestsPending,
        standingInvitationSince: row.standingInvitationSince,
      }));
  }

  /** Requests the State has not agreed to yet, by mandate. */
  pendingByMandate(): Promise<PublicPendingRequestDto[]> {
    return this.repository.pendingRequests(...this.asOfToday());
  }

  /**
   * Visits carried out in each of the `years` years up to this one (by the year of their last day),
   * with the number of States visited; years without a visit count zero.
   */
  @OnReadConnection()
  async perYear(years = 10): Promise<PublicVisitsYearDto[]> {
    const [asOf, today] = this.asOfToday();
    const toYear = Number(today.slice(0, 4));
    const fromYear = toYear - years + 1;
    const rows = new Map((await this.repository.carriedOutByYear(asOf, today, fromYear)).map((row) => [row.year, row]));
    return Array.from({ length: years }, (_, index) => {
      const year = fromYear + index;
      const row = rows.get(year);
      return { year, visitsCarriedOut: row?.carriedOut ?? 0, statesVisited: row?.states ?? 0 };
    });
  }

  @OnReadConnection()
  async states(format: TableFormat = 'json'): Promise<PublicStateVisitsDto[] | CsvDocument> {
    const rows = await this.statesTable();
    return format === 'csv' ? toCsv('visits-by-state.csv', STATE_COLUMNS, rows) : rows;
  }

  @OnReadConnection()
  async statesNeverVisited(format: TableFormat = 'json'): Promise<PublicNeverVisitedDto[] | CsvDocument> {
    const rows = await this.neverVisited();
    return format === 'csv' ? toCsv('states-never-visited.csv', NEVER_VISITED_COLUMNS, rows) : rows;
  }

  @OnReadConnection()
  async requestsPendingByMandate(format: TableFormat = 'json'): Promise<PublicPendingRequestDto[] | CsvDocument> {
    const rows = await this.pendingByMandate();
    return format === 'csv' ? toCsv('visit-requests-pending-by-mandate.csv', PENDING_COLUMNS, rows) : rows;
  }

  /**
   * The tables count as the statistics do with today (Geneva) as the cut-off: statuses recorded before
   * the end of today, visits whose last day is today or earlier.
   */
  private asOfToday(): [Date, string] {
    const today = calendarDateIn(this.clock.now(), this.config.rules.timezone);
    return [startOfCalendarDate(addCalendarDays(today, 1), this.config.rules.timezone), today];
  }
}
