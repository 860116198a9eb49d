import { Injectable } from '@nestjs/common';
import { Actor, Role, requireRole } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { addCalendarDays, addCalendarMonths } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { NotFoundException } from '@spcomms/errors';
import { MandateHolderEntity, MandateTermEntity } from './mandate-holder.entity';
import {
  AddTermDto,
  CreateMandateHolderDto,
  EndTermDto,
  MandateHolderDto,
  RenameMandateHolderDto,
} from './reference.dto';
import { ReferenceErrorCode, ReferenceException } from './reference.exception';
import { mapHolder, mapTerm } from './reference.mapper';
import { ReferenceRepository } from './reference.repository';
import { ReferenceService } from './reference.service';

/** A term lasts three years (M1). */
const TERM_MONTHS = 36;
const MAX_TERMS = 2;

/** The mandate-holders and their terms on the mandates (M1): at most two terms of three years each. */
@Injectable()
export class MandateHoldersService {
  constructor(
    private readonly repository: ReferenceRepository,
    private readonly reference: ReferenceService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async listHolders(mandateId: string): Promise<MandateHolderDto[]> {
    await this.reference.loadMandate(mandateId);
    const holders = await this.repository.findHoldersOfMandate(mandateId);
    return this.mapHolders(holders);
  }

  async getHolder(id: string): Promise<MandateHolderDto> {
    const [dto] = await this.mapHolders([await this.loadHolder(id)]);
    return dto;
  }

  createHolder(actor: Actor, dto: CreateMandateHolderDto): Promise<MandateHolderDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      const holder = await this.repository.saveHolder(
        Object.assign(new MandateHolderEntity(), { name: dto.name, userId: dto.userId ?? null }),
      );
      const after = mapHolder(holder, []);
      await this.audit.record(actor, {
        action: 'mandate_holder.create',
        subject: { type: 'mandate_holder', id: holder.id },
        after,
      });
      return after;
    });
  }

  renameHolder(actor: Actor, id: string, dto: RenameMandateHolderDto): Promise<MandateHolderDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      const holder = await this.loadHolder(id);
      const before = { name: holder.name };
      holder.name = dto.name;
      await this.repository.saveHolder(holder);
      await this.audit.record(actor, {
        action: 'mandate_holder.rename',
        subject: { type: 'mandate_holder', id },
        before,
        after: { name: dto.name },
      });
      return this.getHolder(id);
    });
  }

  /** Adds the next term of a holder on a mandate; a third term is refused (M1). */
  addTerm(actor: Actor, holderId: string, dto: AddTermDto): Promise<MandateHolderDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      await this.loadHolder(holderId);
      const mandate = await this.reference.loadMandate(dto.mandateId);
      if (mandate.endedOn) {
        throw new ReferenceException(
          ReferenceErrorCode.MandateEnded,
          `Mandate ${mandate.code} ended on ${mandate.endedOn}`,
        );
      }
      const terms = await this.repository.findTermsForUpdate(holderId, mandate.id);
      if (terms.length >= MAX_TERMS) {
        throw new ReferenceException(
          ReferenceErrorCode.ThirdTerm,
          `A mandate-holder serves at most ${MAX_TERMS} terms (six years) on a mandate (M1)`,
          { terms: terms.map((term) => ({ number: term.number, startsOn: term.startsOn, endsOn: term.endsOn })) },
        );
      }
      const last = terms[terms.length - 1];
      const lastEnd = last ? (last.endedOn ?? last.endsOn) : null;
      if (lastEnd && dto.startsOn <= lastEnd) {
        throw new ReferenceException(ReferenceErrorCode.TermOverlap, `The new term must start after ${lastEnd}`);
      }
      const term = await this.repository.saveTerm(
        Object.assign(new MandateTermEntity(), {
          holderId,
          mandateId: mandate.id,
          number: terms.length + 1,
          startsOn: dto.startsOn,
          endsOn: addCalendarDays(addCalendarMonths(dto.startsOn, TERM_MONTHS), -1),
          endedOn: null,
        }),
      );
      await this.audit.record(actor, {
        action: 'mandate_term.add',
        subject: { type: 'mandate_holder', id: holderId },
        after: mapTerm(term, mandate.code),
      });
      return this.getHolder(holderId);
    });
  }

  endTerm(actor: Actor, termId: string, dto: EndTermDto): Promise<MandateHolderDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      const term = await this.repository.findTerm(termId);
      if (!term) {
        throw new NotFoundException('mandate_term', termId);
      }
      const before = { endedOn: term.endedOn };
      term.endedOn = dto.endedOn;
      await this.repository.saveTerm(term);
      await this.audit.record(actor, {
        action: 'mandate_term.end',
        subject: { type: 'mandate_holder', id: term.holderId },
        before,
        after: { termId, endedOn: dto.endedOn },
      });
      return this.getHolder(term.holderId);
    });
  }

  // ---- helpers ----

  private async loadHolder(id: string): Promise<MandateHolderEntity> {
    const holder = await this.repository.findHolder(id);
    if (!holder) {
      throw new NotFoundException('mandate_holder', id);
    }
    return holder;
  }

  private async mapHolders(holders: MandateHolderEntity[]): Promise<MandateHolderDto[]> {
    const terms = await this.repository.findTermsOfHolders(holders.map((holder) => holder.id));
    const mandates = await this.repository.findMandates([...new Set(terms.map((term) => term.mandateId))]);
    const codes = new Map(mandates.map((mandate) => [mandate.id, mandate.code]));
    return holders.map((holder) =>
      mapHolder(
        holder,
        terms
          .filter((term) => term.holderId === holder.id)
          .map((term) => mapTerm(term, codes.get(term.mandateId) ?? '')),
      ),
    );
  }
}
