import {
  CommunicationErrorCode,
  CommunicationException,
  LETTER_TYPES,
  parseLooseReference,
} from '@spcomms/communications';
import { ErrorKind } from '@spcomms/errors';
import { MandateDto } from '@spcomms/reference';
import { single } from '../../date-fields';
import { LetterFormError } from './letter-form';
import { LetterListFilters, STATUSES } from './letters.view';

/**
 * What the letter pages say is wrong: the service's refusals of a letter's content, shown on the
 * fields they concern, and the filters of the list of letters that cannot be applied.
 */

/** The service's refusals of a letter's content, on the fields they concern. */
export function contentErrorOf(error: CommunicationException): LetterFormError {
  switch (error.code) {
    case CommunicationErrorCode.MissingVictim:
      return { field: 'victim-0-name', message: 'letters.error.victims' };
    case CommunicationErrorCode.MissingPerpetrator:
      return { field: 'perpetrator-0-name', message: 'letters.error.perpetrators' };
    case CommunicationErrorCode.UnknownRecipient:
      return { field: 'recipient', message: 'letters.error.recipient.unknown' };
    case CommunicationErrorCode.InvalidRecipient:
      return { field: 'recipient', message: 'letters.error.recipient.invalid' };
    case CommunicationErrorCode.ReprisalConsentRequired:
      return { field: 'consentOn-day', message: 'letters.error.consentOn.missing' };
    case CommunicationErrorCode.UnknownMandate:
    case CommunicationErrorCode.MandateEnded:
    case CommunicationErrorCode.NotYourMandate:
      return { field: 'leadMandate', message: 'letters.error.leadMandate' };
    case CommunicationErrorCode.UnknownFollowUp:
      return { field: 'followsUp', message: 'letters.error.followsUp' };
    default:
      return { field: 'subject', message: 'letters.error.refused' };
  }
}

/** Whether a service's error is about what was typed (the form is shown again with it). */
export function isContentError(error: unknown): error is CommunicationException {
  return (
    error instanceof CommunicationException &&
    (error.kind === ErrorKind.Invalid || error.code === CommunicationErrorCode.NotYourMandate)
  );
}

/**
 * The filters of the list of letters as the query string gives them, and what is wrong with them: a
 * status, type or year that does not exist, a mandate that is not the person's, a recipient that is
 * not a three-letter code, a reference that cannot be one.
 */
export function readLetterListFilters(
  query: Record<string, unknown>,
  mandates: MandateDto[],
): { filters: LetterListFilters; cursor: string; errors: LetterFormError[] } {
  const filters: LetterListFilters = {
    status: single(query.status),
    mandate: single(query.mandate),
    recipient: single(query.recipient).toUpperCase(),
    year: single(query.year),
    type: single(query.type),
    reference: single(query.reference),
  };
  const cursor = single(query.cursor);
  const errors: LetterFormError[] = [];
  if (filters.status && !(STATUSES as readonly string[]).includes(filters.status)) {
    errors.push({ field: 'status', message: 'letters.error.filter.status' });
  }
  if (filters.mandate && !mandates.some((mandate) => mandate.code === filters.mandate)) {
    errors.push({ field: 'mandate', message: 'letters.error.filter.mandate' });
  }
  if (filters.recipient && !/^[A-Z]{3}$/.test(filters.recipient)) {
    errors.push({ field: 'recipient', message: 'letters.error.filter.recipient' });
  }
  if (filters.year && !/^(19|20|21)\d\d$/.test(filters.year)) {
    errors.push({ field: 'year', message: 'letters.error.filter.year' });
  }
  if (filters.type && !(LETTER_TYPES as readonly string[]).includes(filters.type)) {
    errors.push({ field: 'type', message: 'letters.error.filter.type' });
  }
  if (filters.reference && !parseLooseReference(filters.reference)) {
    errors.push({ field: 'reference', message: 'letters.error.reference.format' });
  }
  return { filters, cursor, errors };
}
