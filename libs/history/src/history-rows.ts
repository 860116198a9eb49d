import { addCalendarDays } from '@spcomms/clock';
import {
  LETTER_LANGUAGES,
  LetterLanguage,
  LetterType,
  ParsedReference,
  Victim,
  parseReference,
} from '@spcomms/communications';
import { MandateEntity, OTHER_RECIPIENT_KINDS, OtherRecipientKind, STATE_CODE } from '@spcomms/reference';
import { REPLY_LANGUAGES, ReplyLanguage } from '@spcomms/replies';
import { CsvRow, ImportProblem } from './history-csv';
import { RowProblems, mandateList, parseBoolean, parseVictims } from './history-cells';

/** Types a historical reference may carry, and the type of letter each stands for (C8). */
export const REFERENCE_TYPES: Readonly<Record<string, LetterType>> = {
  UA: 'UA',
  AL: 'AL',
  OL: 'OL',
  JUA: 'UA',
  JAL: 'AL',
};
/** Older references wrote JUA / JAL for joint letters: such a letter has co-signers. */
const JOINT_TYPES = new Set(['JUA', 'JAL']);

const MAX_SUBJECT = 500;
const MAX_TEXT = 200_000;
const MAX_OTHER_RECIPIENT_NAME = 300;

/** An other recipient a row may name: registered (with its id), or registered by the import (id null). */
export interface KnownOtherRecipient {
  id: string | null;
  name: string;
  kind: OtherRecipientKind;
}

/** What rows are checked against: reference data, today's date and the rule settings. */
export interface RowContext {
  /** Today in the Geneva calendar: nothing historical happens after it. */
  today: string;
  otherRecipientCode: string;
  replyDays: Record<LetterType, number>;
  publicationDays: number;
  /** States by code (the pseudo-code excluded). */
  states: ReadonlySet<string>;
  mandates: ReadonlyMap<string, MandateEntity>;
  /** By name: the registered ones the file names, and those it registers (kind given in the file). */
  otherRecipients: ReadonlyMap<string, KnownOtherRecipient>;
}

/** A letter row that passed every check of its own; cross-row and database checks come after. */
export interface LetterPlan {
  row: number;
  line: number;
  reference: string;
  parsed: ParsedReference;
  type: LetterType;
  legacyType: string | null;
  recipientCode: string;
  /** Null for a State, and for an other recipient the import registers (set when it is written). */
  otherRecipientId: string | null;
  otherRecipient: KnownOtherRecipient | null;
  sentOn: string;
  replyRequestedBy: string;
  publicFrom: string;
  lead: MandateEntity;
  cosigners: MandateEntity[];
  language: LetterLanguage;
  subject: string;
  body: string;
  victims: Victim[];
}

export interface ReplyPlan {
  row: number;
  line: number;
  reference: string;
  receivedOn: string;
  language: ReplyLanguage;
  confidential: boolean;
  text: string;
  channel: string | null;
}

/** The type-free key `{CODE} {n}/{YYYY}` that is unique among letters (C7). */
export function referenceKey(parsed: ParsedReference): string {
  return `${parsed.code} ${parsed.number}/${parsed.year}`;
}

/** Checks one letter row on its own (format, reference data, dates); answers a plan or its problems. */
export function checkLetterRow(
  row: CsvRow,
  context: RowContext,
): { plan: LetterPlan | null; problems: ImportProblem[] } {
  const p = new RowProblems('letters', row);

  const reference = p.required('reference');
  const parsed = reference ? parseReference(reference) : null;
  if (reference && !parsed) {
    p.add(
      'reference',
      'reference.format',
      `"${reference}" is not a reference of the form TYPE CODE n/YYYY, e.g. JUA IRN 5/2013`,
    );
  }
  const referenceType = parsed ? REFERENCE_TYPES[parsed.type] : undefined;
  if (parsed && !referenceType) {
    p.add(
      'reference',
      'reference.type',
      `Type ${parsed.type} of "${reference}" is not one of ${Object.keys(REFERENCE_TYPES).join(', ')}`,
    );
  }

  const typeText = p.required('type')?.toUpperCase();
  const type = typeText ? REFERENCE_TYPES[typeText] : undefined;
  if (typeText && !type) {
    p.add('type', 'type.invalid', `Type "${typeText}" is not one of ${Object.keys(REFERENCE_TYPES).join(', ')}`);
  } else if (type && referenceType && type !== referenceType) {
    p.add('type', 'type.mismatch', `Type ${typeText} does not match the type ${parsed?.type} of the reference`);
  }

  // Recipient: a State, or the pseudo-code with the name of an other recipient, registered or
  // registered by the import with the kind the file gives it.
  const recipient = p.required('recipient')?.toUpperCase();
  const otherName = p.value('other_recipient');
  const otherKind = p.value('other_recipient_kind').toLowerCase();
  let otherRecipient: KnownOtherRecipient | null = null;
  if (otherKind && !(OTHER_RECIPIENT_KINDS as readonly string[]).includes(otherKind)) {
    p.add(
      'other_recipient_kind',
      'other_recipient_kind.invalid',
      `other_recipient_kind "${otherKind}" is not one of ${OTHER_RECIPIENT_KINDS.join(', ')}`,
    );
  }
  if (recipient === context.otherRecipientCode) {
    const other = otherName ? context.otherRecipients.get(otherName) : undefined;
    if (!otherName) {
      p.add(
        'other_recipient',
        'value.required',
        `other_recipient is required when the recipient is ${context.otherRecipientCode}`,
      );
    } else if (otherName.length > MAX_OTHER_RECIPIENT_NAME) {
      p.add(
        'other_recipient',
        'text.length',
        `other_recipient must have at most ${MAX_OTHER_RECIPIENT_NAME} characters`,
      );
    } else if (!other) {
      p.add(
        'other_recipient',
        'other_recipient.unknown',
        `"${otherName}" is not a registered other recipient: give its kind in other_recipient_kind (${OTHER_RECIPIENT_KINDS.join(', ')}) to register it with the import`,
      );
    } else if (otherKind && otherKind !== other.kind) {
      const whose = other.id ? 'registered' : 'given on another row';
      p.add(
        'other_recipient_kind',
        'other_recipient_kind.mismatch',
        `"${otherName}" is a ${other.kind} (${whose}), not a ${otherKind}`,
      );
    } else {
      otherRecipient = other;
    }
  } else if (recipient) {
    if (!STATE_CODE.test(recipient) || !context.states.has(recipient)) {
      p.add(
        'recipient',
        'state.unknown',
        `"${recipient}" is not a known State code (use ${context.otherRecipientCode} for other recipients)`,
      );
    }
    if (otherName || otherKind) {
      const column = otherName ? 'other_recipient' : 'other_recipient_kind';
      p.add(column, 'other_recipient.unexpected', `${column} is only for the recipient ${context.otherRecipientCode}`);
    }
  }
  if (parsed && recipient && parsed.code !== recipient) {
    p.add(
      'reference',
      'reference.code_mismatch',
      `The reference code ${parsed.code} is not the recipient ${recipient}`,
    );
  }

  // Dates: sent on in the past; the reply and publication dates after it (defaults C9, C11).
  const sentText = p.required('sent_on');
  const sentOn = sentText ? p.date('sent_on', sentText) : null;
  if (sentOn && sentOn > context.today) {
    p.add('sent_on', 'date.future', `sent_on ${sentOn} is after today (${context.today})`);
  }
  // C8: a number is sometimes assigned before the letter goes out (sent in January with last year's
  // number); a reference of a later year than its sending cannot be.
  if (parsed && sentOn && parsed.year > Number(sentOn.slice(0, 4))) {
    p.add(
      'reference',
      'reference.year_mismatch',
      `The reference year ${parsed.year} is after the year of sent_on ${sentOn}`,
    );
  }
  const laterDate = (column: string): string | null => {
    const text = p.value(column);
    const date = text ? p.date(column, text) : null;
    if (date && sentOn && date < sentOn) {
      p.add(column, 'date.before_sent', `${column} ${date} is before sent_on ${sentOn}`);
    }
    return date;
  };
  const replyRequestedBy = laterDate('reply_requested_by');
  const publicFrom = laterDate('public_from');

  // Mandates: the lead and its co-signers, all known, none twice.
  const leadCode = p.required('lead_mandate')?.toUpperCase();
  const lead = leadCode ? context.mandates.get(leadCode) : undefined;
  if (leadCode && !lead) {
    p.add('lead_mandate', 'mandate.unknown', `Unknown mandate ${leadCode}`);
  }
  const cosignerCodes = mandateList(p.value('cosigning_mandates'));
  const cosigners: MandateEntity[] = [];
  const seen = new Set(leadCode ? [leadCode] : []);
  for (const code of cosignerCodes) {
    const mandate = context.mandates.get(code);
    if (seen.has(code)) {
      p.add('cosigning_mandates', 'mandate.duplicate', `${code} is named twice (or is also the lead)`);
    } else if (!mandate) {
      p.add('cosigning_mandates', 'mandate.unknown', `Unknown mandate ${code}`);
    } else {
      cosigners.push(mandate);
    }
    seen.add(code);
  }
  const joint = (parsed && JOINT_TYPES.has(parsed.type)) || (typeText && JOINT_TYPES.has(typeText));
  if (joint && cosignerCodes.length === 0) {
    p.add(
      'cosigning_mandates',
      'mandate.not_joint',
      `A ${parsed?.type ?? typeText} is a joint letter: name its co-signing mandates`,
    );
  }

  const languageText = p.value('language').toLowerCase() || 'en';
  if (!(LETTER_LANGUAGES as readonly string[]).includes(languageText)) {
    p.add('language', 'language.invalid', `Language "${languageText}" is not one of ${LETTER_LANGUAGES.join(', ')}`);
  }
  const subject = p.required('subject');
  if (subject && (subject.length < 3 || subject.length > MAX_SUBJECT)) {
    p.add('subject', 'text.length', `subject must have 3 to ${MAX_SUBJECT} characters`);
  }
  const body = row.values.body ?? '';
  if (body.length > MAX_TEXT) {
    p.add('body', 'text.length', `body must have at most ${MAX_TEXT} characters`);
  }
  const { victims, errors } = parseVictims(p.value('victims'));
  for (const error of errors) {
    p.add('victims', 'victims.invalid', error);
  }

  if (p.list.length > 0 || !reference || !parsed || !type || !recipient || !sentOn || !lead || !subject) {
    return { plan: null, problems: p.list };
  }
  const publishAtOnce = type === 'OL' && lead.publishLegislationAtOnce;
  return {
    plan: {
      row: row.row,
      line: row.line,
      reference: reference,
      parsed,
      type,
      legacyType: JOINT_TYPES.has(parsed.type) ? parsed.type : null,
      recipientCode: recipient,
      otherRecipientId: otherRecipient?.id ?? null,
      otherRecipient,
      sentOn,
      replyRequestedBy: replyRequestedBy ?? addCalendarDays(sentOn, context.replyDays[type]),
      publicFrom: publicFrom ?? (publishAtOnce ? sentOn : addCalendarDays(sentOn, context.publicationDays)),
      lead,
      cosigners,
      language: languageText as LetterLanguage,
      subject,
      body: body.trim(),
      victims,
    },
    problems: [],
  };
}

/**
 * Checks one reply row: it must name a letter of the letters section, be received after that
 * letter was sent and not after today, with a language, the confidentiality flag and a text.
 */
export function checkReplyRow(
  row: CsvRow,
  context: Pick<RowContext, 'today'>,
  letters: ReadonlyMap<string, { row: number; plan: LetterPlan | null }>,
  channels: readonly string[],
): { plan: ReplyPlan | null; problems: ImportProblem[] } {
  const p = new RowProblems('replies', row);
  const reference = p.required('reference');
  const letter = reference ? letters.get(reference) : undefined;
  if (reference && !letter) {
    p.add('reference', 'reply.unknown_letter', `No letter with reference "${reference}" in the letters section`);
  } else if (letter && !letter.plan) {
    p.add('reference', 'reply.letter_rejected', `The letter of this reply (row ${letter.row}) is rejected`);
  }
  const receivedText = p.required('received_on');
  const receivedOn = receivedText ? p.date('received_on', receivedText) : null;
  if (receivedOn && receivedOn > context.today) {
    p.add('received_on', 'date.future', `received_on ${receivedOn} is after today (${context.today})`);
  }
  if (receivedOn && letter?.plan && receivedOn < letter.plan.sentOn) {
    p.add(
      'received_on',
      'date.before_sent',
      `received_on ${receivedOn} is before the letter was sent (${letter.plan.sentOn})`,
    );
  }
  const language = p.required('language')?.toLowerCase();
  if (language && !(REPLY_LANGUAGES as readonly string[]).includes(language)) {
    p.add(
      'language',
      'language.invalid',
      `Language "${language}" is not one of the UN languages ${REPLY_LANGUAGES.join(', ')}`,
    );
  }
  const confidentialText = p.required('confidential');
  const confidential = confidentialText === null ? null : parseBoolean(confidentialText);
  if (confidentialText !== null && confidential === null) {
    p.add('confidential', 'boolean.invalid', `confidential must be true or false, got "${confidentialText}"`);
  }
  const text = p.required('text');
  if (text && text.length > MAX_TEXT) {
    p.add('text', 'text.length', `text must have at most ${MAX_TEXT} characters`);
  }
  const channel = p.value('channel').toLowerCase() || null;
  if (channel && !channels.includes(channel)) {
    p.add('channel', 'channel.invalid', `Channel "${channel}" is not one of ${channels.join(', ')}`);
  }
  if (p.list.length > 0 || !reference || !receivedOn || !language || confidential === null || !text) {
    return { plan: null, problems: p.list };
  }
  return {
    plan: {
      row: row.row,
      line: row.line,
      reference,
      receivedOn,
      language: language as ReplyLanguage,
      confidential,
      text,
      channel,
    },
    problems: [],
  };
}
