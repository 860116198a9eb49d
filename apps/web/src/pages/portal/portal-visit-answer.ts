import { Injectable } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { DomainException, ErrorKind } from '@spcomms/errors';
import { GovernmentVisitDto, VisitAnswer, VisitMovesService, VisitsErrorCode } from '@spcomms/visits';
import { FormError, textField } from '../../forms/form-errors';
import { dateInput, parseDate, single } from '../date-fields';
import { ANSWER_TARGETS, VisitAnswerValues } from './portal-visits.view';

export type VisitAnswerOutcome =
  | { kind: 'answered' }
  | { kind: 'refused'; visit: GovernmentVisitDto; values: VisitAnswerValues; errors: FormError[]; status: number };

const NOTE_MAX = 5000;

/**
 * Reads the answer form of a visit request (the answer, a period as day/month/year fields, a note)
 * and gives it to the same service as `POST /portal/visits/{id}/answers`. Dates are required to
 * propose dates, optional with an invitation, not taken with other answers; reasons are required to
 * decline.
 */
@Injectable()
export class PortalVisitAnswers {
  constructor(private readonly moves: VisitMovesService) {}

  async answer(
    actor: Actor,
    visit: GovernmentVisitDto,
    body: unknown,
    t: (key: string) => string,
  ): Promise<VisitAnswerOutcome> {
    const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const values: VisitAnswerValues = {
      answer: single(fields.answer),
      from: dateInput(fields, 'from'),
      to: dateInput(fields, 'to'),
      note: textField(fields, 'note').slice(0, NOTE_MAX + 1),
    };
    const errors: FormError[] = [];
    const answer = values.answer;
    if (!(answer in ANSWER_TARGETS)) {
      errors.push({ field: 'answer', text: t('portal.visit.error.answer') });
    }
    const from = parseDate(values.from);
    const to = parseDate(values.to);
    const withDates = answer === VisitAnswer.ProposeDates || answer === VisitAnswer.Invite;
    const anyDate = from.kind !== 'empty' || to.kind !== 'empty';
    if (withDates) {
      if (answer === VisitAnswer.ProposeDates && from.kind === 'empty') {
        errors.push({ field: 'from-day', text: t('portal.visit.error.fromMissing') });
      } else if (from.kind === 'invalid') {
        errors.push({ field: 'from-day', text: t('portal.visit.error.fromInvalid') });
      }
      if (answer === VisitAnswer.ProposeDates && to.kind === 'empty') {
        errors.push({ field: 'to-day', text: t('portal.visit.error.toMissing') });
      } else if (to.kind === 'invalid') {
        errors.push({ field: 'to-day', text: t('portal.visit.error.toInvalid') });
      }
      if (answer === VisitAnswer.Invite && (from.kind === 'empty') !== (to.kind === 'empty')) {
        errors.push({ field: from.kind === 'empty' ? 'from-day' : 'to-day', text: t('portal.visit.error.bothDates') });
      }
      if (from.kind === 'date' && to.kind === 'date' && to.date < from.date) {
        errors.push({ field: 'to-day', text: t('portal.visit.error.reversed') });
      }
    } else if (anyDate && answer in ANSWER_TARGETS) {
      errors.push({ field: 'from-day', text: t('portal.visit.error.datesNotTaken') });
    }
    if (answer === VisitAnswer.Decline && values.note === '') {
      errors.push({ field: 'note', text: t('portal.visit.error.reasons') });
    }
    if (values.note.length > NOTE_MAX) {
      errors.push({ field: 'note', text: t('portal.visit.error.noteTooLong') });
    }
    if (errors.length > 0) {
      return { kind: 'refused', visit, values, errors, status: 422 };
    }
    try {
      await this.moves.answerAsGovernment(actor, visit.id, {
        answer: answer as VisitAnswer,
        ...(withDates && from.kind === 'date' && to.kind === 'date'
          ? { period: { from: from.date, to: to.date } }
          : {}),
        ...(values.note ? { note: values.note } : {}),
      });
      return { kind: 'answered' };
    } catch (error) {
      if (!(error instanceof DomainException) || error.kind === ErrorKind.NotFound) {
        throw error;
      }
      const text =
        error.code === VisitsErrorCode.OwnProposal
          ? t('portal.visit.error.ownProposal')
          : error.code === VisitsErrorCode.InvalidMove
            ? t('portal.visit.error.notNow')
            : t('portal.visit.error.dates');
      return {
        kind: 'refused',
        visit,
        values,
        errors: [{ field: error.code === VisitsErrorCode.InvalidMove ? 'answer' : 'from-day', text }],
        status: error.kind === ErrorKind.Conflict ? 409 : 422,
      };
    }
  }
}
