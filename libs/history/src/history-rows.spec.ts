import { MandateEntity } from '@spcomms/reference';
import { CsvRow } from './history-csv';
import { parseVictims } from './history-cells';
import { LetterPlan, RowContext, checkLetterRow, checkReplyRow } from './history-rows';

const mandate = (code: string, publishLegislationAtOnce = false): MandateEntity =>
  Object.assign(new MandateEntity(), { id: `id-${code}`, code, title: code, publishLegislationAtOnce, endedOn: null });

const context: RowContext = {
  today: '2026-03-02',
  otherRecipientCode: 'OTH',
  replyDays: { UA: 60, AL: 60, OL: 90 },
  publicationDays: 60,
  states: new Set(['IRN', 'BLR', 'FRA']),
  mandates: new Map(
    [mandate('EXPRESSION'), mandate('DEFENDERS'), mandate('IRN'), mandate('LEGIS', true)].map((m) => [m.code, m]),
  ),
  otherRecipients: new Map([
    ['Example Mining Ltd', { id: 'other-1', name: 'Example Mining Ltd', kind: 'company' }],
    ['Gulf Shipping Co', { id: null, name: 'Gulf Shipping Co', kind: 'company' }],
  ]),
};

const letterRow = (values: Record<string, string>): CsvRow => ({
  row: 7,
  line: 9,
  values: {
    reference: 'JUA IRN 5/2013',
    type: 'UA',
    recipient: 'IRN',
    other_recipient: '',
    sent_on: '2013-02-14',
    reply_requested_by: '',
    public_from: '',
    lead_mandate: 'EXPRESSION',
    cosigning_mandates: 'DEFENDERS; irn',
    subject: 'Arrest of a journalist',
    body: 'Text',
    victims: 'Reza Example|male|adult|false',
    ...values,
  },
});

describe('checkLetterRow', () => {
  it('plans a JUA as a UA that keeps its legacy type, with the default dates (C8, C9, C11)', () => {
    const { plan, problems } = checkLetterRow(letterRow({}), context);
    expect(problems).toEqual([]);
    expect(plan).toMatchObject({
      reference: 'JUA IRN 5/2013',
      type: 'UA',
      legacyType: 'JUA',
      recipientCode: 'IRN',
      sentOn: '2013-02-14',
      replyRequestedBy: '2013-04-15',
      publicFrom: '2013-04-15',
      language: 'en',
      victims: [{ name: 'Reza Example', gender: 'male', ageGroup: 'adult', nameConfidential: false, group: false }],
    });
    expect(plan?.cosigners.map((m) => m.code)).toEqual(['DEFENDERS', 'IRN']);
  });

  it('uses the per-type reply days and publishes an OL at once for a mandate that does so', () => {
    const { plan } = checkLetterRow(
      letterRow({
        reference: 'OL FRA 1/2015',
        type: 'OL',
        recipient: 'FRA',
        sent_on: '2015-11-20',
        lead_mandate: 'LEGIS',
        cosigning_mandates: '',
      }),
      context,
    );
    expect(plan).toMatchObject({ replyRequestedBy: '2016-02-18', publicFrom: '2015-11-20', legacyType: null });
  });

  it('addresses a registered other recipient under OTH', () => {
    const { plan, problems } = checkLetterRow(
      letterRow({
        reference: 'AL OTH 3/2016',
        type: 'AL',
        recipient: 'OTH',
        other_recipient: 'Example Mining Ltd',
        sent_on: '2016-04-05',
        cosigning_mandates: '',
      }),
      context,
    );
    expect(problems).toEqual([]);
    expect(plan).toMatchObject({ recipientCode: 'OTH', otherRecipientId: 'other-1' });
  });

  it('keeps a reference numbered the year before its sending, and no earlier rule changes (C8)', () => {
    const { plan, problems } = checkLetterRow(
      letterRow({ reference: 'JUA IRN 41/2012', sent_on: '2013-02-14' }),
      context,
    );
    expect(problems).toEqual([]);
    expect(plan).toMatchObject({
      reference: 'JUA IRN 41/2012',
      parsed: { number: 41, year: 2012 },
      sentOn: '2013-02-14',
    });
  });

  it('addresses an other recipient the import registers with the kind given in the file', () => {
    const { plan, problems } = checkLetterRow(
      letterRow({
        reference: 'AL OTH 4/2016',
        type: 'AL',
        recipient: 'OTH',
        other_recipient: 'Gulf Shipping Co',
        other_recipient_kind: 'Company',
        sent_on: '2016-04-05',
        cosigning_mandates: '',
      }),
      context,
    );
    expect(problems).toEqual([]);
    expect(plan).toMatchObject({
      otherRecipientId: null,
      otherRecipient: { id: null, name: 'Gulf Shipping Co', kind: 'company' },
    });
  });

  it.each([
    [
      {
        recipient: 'OTH',
        reference: 'JUA OTH 5/2013',
        other_recipient: 'Example Mining Ltd',
        other_recipient_kind: 'ngo',
      },
      'other_recipient_kind',
      'other_recipient_kind.invalid',
    ],
    [
      {
        recipient: 'OTH',
        reference: 'JUA OTH 5/2013',
        other_recipient: 'Example Mining Ltd',
        other_recipient_kind: 'other',
      },
      'other_recipient_kind',
      'other_recipient_kind.mismatch',
    ],
    [
      {
        recipient: 'OTH',
        reference: 'JUA OTH 5/2013',
        other_recipient: 'Gulf Shipping Co',
        other_recipient_kind: 'non_state_actor',
      },
      'other_recipient_kind',
      'other_recipient_kind.mismatch',
    ],
    [{ other_recipient_kind: 'company' }, 'other_recipient_kind', 'other_recipient.unexpected'],
    [{ reference: 'JUA IRN 5-2013' }, 'reference', 'reference.format'],
    [{ reference: 'XX IRN 5/2013' }, 'reference', 'reference.type'],
    [{ type: 'AL' }, 'type', 'type.mismatch'],
    [{ type: 'ZZ' }, 'type', 'type.invalid'],
    [{ recipient: 'BLR' }, 'reference', 'reference.code_mismatch'],
    [{ reference: 'JUA XYZ 5/2013', recipient: 'XYZ' }, 'recipient', 'state.unknown'],
    [
      { recipient: 'OTH', reference: 'JUA OTH 5/2013', other_recipient: 'Nobody Inc' },
      'other_recipient',
      'other_recipient.unknown',
    ],
    [{ other_recipient: 'Example Mining Ltd' }, 'other_recipient', 'other_recipient.unexpected'],
    [{ sent_on: '2012-12-28' }, 'reference', 'reference.year_mismatch'],
    [{ sent_on: '2013-02-30' }, 'sent_on', 'date.invalid'],
    [{ reference: 'JUA IRN 5/2027', sent_on: '2027-01-05' }, 'sent_on', 'date.future'],
    [{ reply_requested_by: '2013-01-01' }, 'reply_requested_by', 'date.before_sent'],
    [{ public_from: '14/02/2013' }, 'public_from', 'date.invalid'],
    [{ lead_mandate: 'NOPE' }, 'lead_mandate', 'mandate.unknown'],
    [{ cosigning_mandates: 'DEFENDERS;NOPE' }, 'cosigning_mandates', 'mandate.unknown'],
    [{ cosigning_mandates: 'DEFENDERS;EXPRESSION' }, 'cosigning_mandates', 'mandate.duplicate'],
    [{ cosigning_mandates: '' }, 'cosigning_mandates', 'mandate.not_joint'],
    [{ language: 'de' }, 'language', 'language.invalid'],
    [{ subject: '' }, 'subject', 'value.required'],
    [{ victims: 'Name|male|adult' }, 'victims', 'victims.invalid'],
  ])('rejects %p in column %s with %s', (values, column, code) => {
    const { plan, problems } = checkLetterRow(letterRow(values), context);
    expect(plan).toBeNull();
    expect(problems).toContainEqual(expect.objectContaining({ section: 'letters', row: 7, line: 9, column, code }));
  });
});

describe('parseVictims', () => {
  it('reads several victims with defaults for empty gender and age group', () => {
    expect(parseVictims('A|female|child|true; The villagers|||no')).toEqual({
      victims: [
        { name: 'A', gender: 'female', ageGroup: 'child', nameConfidential: true, group: false },
        { name: 'The villagers', gender: 'unknown', ageGroup: 'unknown', nameConfidential: false, group: false },
      ],
      errors: [],
    });
  });

  it('names what is wrong with each victim', () => {
    expect(
      parseVictims('|male|adult|true;B|robot|adult|true;C|male|baby|true;D|male|adult|perhaps;E|male|adult|true|extra')
        .errors,
    ).toEqual([
      'victim 1 needs a name of 1 to 300 characters',
      'victim 2: gender "robot" is not one of female, male, other, unknown',
      'victim 3: age group "baby" is not one of child, adult, older, unknown',
      'victim 4: say whether the name is confidential (true or false), got "perhaps"',
      'victim 5 has more than four parts (name|gender|ageGroup|confidential)',
    ]);
  });
});

describe('checkReplyRow', () => {
  const plan = { sentOn: '2013-02-14' } as LetterPlan;
  const letters = new Map([
    ['JUA IRN 5/2013', { row: 2, plan }],
    ['AL IRN 6/2013', { row: 3, plan: null }],
  ]);
  const replyRow = (values: Record<string, string>): CsvRow => ({
    row: 12,
    line: 12,
    values: {
      reference: 'JUA IRN 5/2013',
      received_on: '2013-04-02',
      language: 'AR',
      confidential: 'yes',
      text: 'Reply',
      channel: '',
      ...values,
    },
  });
  const channels = ['note_verbale', 'other'];

  it('plans a reply to a letter of the file', () => {
    expect(checkReplyRow(replyRow({}), context, letters, channels)).toEqual({
      plan: {
        row: 12,
        line: 12,
        reference: 'JUA IRN 5/2013',
        receivedOn: '2013-04-02',
        language: 'ar',
        confidential: true,
        text: 'Reply',
        channel: null,
      },
      problems: [],
    });
  });

  it.each([
    [{ reference: 'UA IRN 5/2013' }, 'reference', 'reply.unknown_letter'],
    [{ reference: 'AL IRN 6/2013' }, 'reference', 'reply.letter_rejected'],
    [{ received_on: '2013-02-13' }, 'received_on', 'date.before_sent'],
    [{ received_on: '2026-03-03' }, 'received_on', 'date.future'],
    [{ language: 'de' }, 'language', 'language.invalid'],
    [{ confidential: '' }, 'confidential', 'value.required'],
    [{ confidential: 'maybe' }, 'confidential', 'boolean.invalid'],
    [{ text: '  ' }, 'text', 'value.required'],
    [{ channel: 'portal' }, 'channel', 'channel.invalid'],
  ])('rejects %p in column %s with %s', (values, column, code) => {
    const { plan: reply, problems } = checkReplyRow(replyRow(values), context, letters, channels);
    expect(reply).toBeNull();
    expect(problems).toContainEqual(expect.objectContaining({ section: 'replies', row: 12, column, code }));
  });
});
