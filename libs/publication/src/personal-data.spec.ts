import { findPersonalData } from './personal-data';

describe('personal data left in a public text (C14)', () => {
  const warn = (text: string) =>
    findPersonalData([{ field: 'body', text }]).map((warning) => [warning.kind, warning.text]);

  it('finds e-mail addresses, phone numbers and passport-like numbers, in order', () => {
    expect(
      warn(
        'Write to ivan.informant@viasna.example.org or call +375 29 123-45-67 or (017) 222 33 44; passport MP1234567 and AB 123456; ID KH4X9Z2Q7.',
      ),
    ).toEqual([
      ['email', 'ivan.informant@viasna.example.org'],
      ['phone', '+375 29 123-45-67'],
      ['phone', '(017) 222 33 44'],
      ['passport_number', 'MP1234567'],
      ['passport_number', 'AB 123456'],
      ['passport_number', 'KH4X9Z2Q7'],
    ]);
  });

  it('leaves dates, years, references, resolutions and ordinary numbers alone', () => {
    expect(
      warn(
        'On 2026-03-02, between 2019-2021 and in 2024, UA IRN 5/2023 and resolution A/HRC/RES/5/2 concerned 1,843 individuals (655 women); article 19; 12 000 people.',
      ),
    ).toEqual([]);
  });

  it('names the field where each was found', () => {
    expect(
      findPersonalData([
        { field: 'subject', text: 'Arrest' },
        { field: 'replies[1].text', text: 'Contact: a@b.org' },
      ]),
    ).toEqual([{ kind: 'email', field: 'replies[1].text', text: 'a@b.org' }]);
  });
});
