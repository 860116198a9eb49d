import { LetterContentDto } from './communications.dto';
import { CommunicationErrorCode } from './communications.exception';
import { contentHash, toVersionContent } from './letter-content';

const base = (): LetterContentDto => ({
  type: 'UA',
  language: 'en',
  recipientStateCode: 'IRN',
  subject: 'Imminent execution of a protester',
  body: 'The facts …',
  victims: [{ name: 'A. B.', nameConfidential: true, gender: 'female' }],
  perpetrators: [{ name: 'Revolutionary Court', kind: 'state' }],
});

describe('toVersionContent', () => {
  it('normalises the content', () => {
    const content = toVersionContent({ ...base(), themes: ['Death penalty', 'death penalty ', 'Assembly'] }, 'OTH');
    expect(content).toMatchObject({
      recipientCode: 'IRN',
      otherRecipientId: null,
      themes: ['assembly', 'death penalty'],
      reprisal: false,
    });
    expect(content.victims[0]).toEqual({
      name: 'A. B.',
      gender: 'female',
      ageGroup: 'unknown',
      nameConfidential: true,
      group: false,
    });
  });

  it.each<[string, Partial<LetterContentDto>, CommunicationErrorCode]>([
    ['no victim', { victims: [] }, CommunicationErrorCode.MissingVictim],
    ['an OL with neither victim nor law', { type: 'OL', victims: [] }, CommunicationErrorCode.MissingVictim],
    ['no perpetrator', { perpetrators: [] }, CommunicationErrorCode.MissingPerpetrator],
    ['OTH as a State', { recipientStateCode: 'OTH' }, CommunicationErrorCode.InvalidRecipient],
    [
      'two recipients',
      { otherRecipientId: '3f1c9a9e-0a7e-4a4c-9c55-5d8b0f1f3c11' },
      CommunicationErrorCode.InvalidRecipient,
    ],
    [
      'a further State repeating the recipient',
      { coRecipientStateCodes: ['IRN'] },
      CommunicationErrorCode.InvalidRecipient,
    ],
    ['a reprisal without consent', { reprisal: true }, CommunicationErrorCode.ReprisalConsentRequired],
  ])('refuses %s', (_, change, code) => {
    expect(() => toVersionContent({ ...base(), ...change }, 'OTH')).toThrow(expect.objectContaining({ code }));
  });

  it('accepts an OL about a law without victims or perpetrators', () => {
    const content = toVersionContent(
      { ...base(), type: 'OL', victims: [], perpetrators: [], lawOrPolicy: 'Draft law on foreign agents' },
      'OTH',
    );
    expect(content.lawOrPolicy).toBe('Draft law on foreign agents');
  });

  it('addresses other recipients under the pseudo-code', () => {
    const id = '3f1c9a9e-0a7e-4a4c-9c55-5d8b0f1f3c11';
    expect(toVersionContent({ ...base(), recipientStateCode: undefined, otherRecipientId: id }, 'OTH')).toMatchObject({
      recipientCode: 'OTH',
      otherRecipientId: id,
    });
  });

  it('hashes equal content equally and any change differently', () => {
    const a = toVersionContent(base(), 'OTH');
    const b = toVersionContent(base(), 'OTH');
    const c = toVersionContent({ ...base(), body: 'The facts … (corrected)' }, 'OTH');
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash(c));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
