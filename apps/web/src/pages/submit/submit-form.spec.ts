import { checkSubmission, readSubmitForm, withAnotherRow } from './submit-form';

const TODAY = '2026-06-01';

const complete = {
  stateCode: 'irn',
  mandates: ['TORTURE', 'WGAD'],
  'victims-0-kind': 'person',
  'victims-0-name': ' Sara Sample ',
  'victims-0-gender': 'female',
  'victims-1-kind': 'person',
  'victims-1-name': '',
  'perpetrators-0-kind': 'state',
  'perpetrators-0-description': 'Officers of the police',
  'perpetrators-1-kind': 'state',
  'perpetrators-1-description': '',
  'occurredFrom-day': '3',
  'occurredFrom-month': '5',
  'occurredFrom-year': '2026',
  place: 'Tehran',
  description: 'She was arrested at her home at night and has been held since then without any charge.',
  'source-name': 'Nadia Source',
  'source-email': 'nadia@example.org',
  'source-relation': 'family',
  remediesExhausted: 'no',
  confidentialFields: 'victimNames',
  _csrf: 'token',
};

describe('the intake form', () => {
  it('makes the questionnaire of the intake service: blank rows left out, blank answers not given', async () => {
    const { dto, errors } = await checkSubmission(readSubmitForm(complete), TODAY);
    expect(errors).toEqual([]);
    expect(dto).toMatchObject({
      stateCode: 'IRN',
      mandates: ['TORTURE', 'WGAD'],
      victims: [{ kind: 'person', name: 'Sara Sample', gender: 'female' }],
      perpetrators: [{ kind: 'state', description: 'Officers of the police' }],
      occurredFrom: '2026-05-03',
      source: { name: 'Nadia Source', email: 'nadia@example.org', relation: 'family' },
      remediesExhausted: false,
      confidentialFields: ['victimNames'],
    });
    expect(dto.otherRecipient).toBeUndefined();
    expect(dto.occurredTo).toBeUndefined();
  });

  it('finds every problem at once and names the field to go to', async () => {
    const form = readSubmitForm({
      'victims-0-name': '',
      'occurredFrom-day': '3',
      'occurredFrom-month': '5',
      'occurredFrom-year': '2027',
      'occurredTo-day': '1',
      'occurredTo-month': '1',
      'occurredTo-year': '2026',
      description: 'Short.',
      'source-name': '',
      'source-phone': 'call me',
    });
    const { errors } = await checkSubmission(form, TODAY);
    expect(Object.fromEntries(errors.map((error) => [error.field, error.message]))).toEqual({
      'perpetrators-0-description': 'submit.error.perpetrators.missing',
      'source-name': 'submit.error.source.name',
      'source-phone': 'submit.error.source.phone',
      'source-relation': 'submit.error.source.relation',
      place: 'submit.error.place.missing',
      description: 'submit.error.description.short',
      'victims-0-name': 'submit.error.victims.missing',
      stateCode: 'submit.error.recipient.missing',
      'occurredFrom-day': 'submit.error.occurredFrom.future',
      'occurredTo-day': 'submit.error.occurredTo.before',
    });
    const invalid = await checkSubmission(
      readSubmitForm({ ...complete, 'occurredFrom-day': '31', 'occurredFrom-month': '4' }),
      TODAY,
    );
    expect(invalid.errors).toEqual([{ field: 'occurredFrom-day', message: 'submit.error.occurredFrom.invalid' }]);
  });

  it('adds rows, up to the most a form carries, and reads the rows posted', () => {
    const form = readSubmitForm({ 'victims-4-name': 'Fifth' });
    expect(form.victims).toHaveLength(5);
    expect(form.victims[4].name).toBe('Fifth');
    expect(withAnotherRow(form, 'victim').victims).toHaveLength(6);
    expect(withAnotherRow(form, 'perpetrator').perpetrators).toHaveLength(3);
    expect(readSubmitForm({ 'victims-99-name': 'x' }).victims).toHaveLength(20);
  });
});
