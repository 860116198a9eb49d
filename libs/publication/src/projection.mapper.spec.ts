import type { VersionContent } from '@spcomms/domain-events';
import { ProjectionSource, buildProjection, publicTexts, publicType, replyStatusOf } from './projection.mapper';
import { NAME_WITHHELD } from './redaction';

const content = (overrides: Partial<VersionContent> = {}): VersionContent => ({
  type: 'UA',
  language: 'en',
  recipientCode: 'IRN',
  otherRecipientId: null,
  coRecipientCodes: [],
  subject: 'Arrest of Leila Secret',
  body: 'Ms. Leila Secret and Mr. Omar Open were arrested. Ms. Secret is held incommunicado.',
  victims: [
    { name: 'Leila Secret', nameConfidential: true, gender: 'female' },
    { name: 'Omar Open', nameConfidential: false, gender: 'male' },
  ],
  lawOrPolicy: null,
  perpetrators: [{ name: 'Intelligence Ministry', kind: 'state' }],
  themes: ['detention'],
  reprisal: false,
  reprisalConsent: null,
  ...overrides,
});

const source = (overrides: Partial<ProjectionSource> = {}): ProjectionSource => ({
  letter: {
    id: '00000000-0000-4000-8000-000000000001',
    type: 'UA',
    legacyType: null,
    status: 'sent',
    reference: 'UA IRN 5/2026',
    recipientCode: 'IRN',
    otherRecipientId: null,
    currentVersion: 2,
    sentOn: '2026-03-02',
    replyRequestedBy: '2026-05-01',
    publicFrom: '2026-05-01',
    leadMandateId: 'm1',
  },
  content: content(),
  mandates: [
    { mandateId: 'm1', code: 'EXPRESSION', title: 'Special Rapporteur on freedom of expression', lead: true },
    { mandateId: 'm2', code: 'DEFENDERS', title: 'Special Rapporteur on human rights defenders', lead: false },
  ],
  recipientName: 'Iran (Islamic Republic of)',
  otherRecipientCode: 'OTH',
  sources: [],
  replies: [
    {
      id: 'r1',
      communicationId: '00000000-0000-4000-8000-000000000001',
      number: 1,
      receivedOn: '2026-04-01',
      language: 'fr',
      text: 'Mme Leila Secret a été libérée.',
      confidential: false,
      correctsNumber: null,
    },
    {
      id: 'r2',
      communicationId: '00000000-0000-4000-8000-000000000001',
      number: 2,
      receivedOn: '2026-04-02',
      language: 'en',
      text: 'Confidential details.',
      confidential: true,
      correctsNumber: 1,
    },
  ],
  attachments: [
    {
      id: 'a1',
      replyId: 'r1',
      position: 1,
      fileName: 'Leila Secret release.pdf',
      mediaType: 'application/pdf',
      size: '10',
      sha256: 'a'.repeat(64),
      storageKey: 'a'.repeat(64),
    },
    {
      id: 'a2',
      replyId: 'r2',
      position: 1,
      fileName: 'secret.pdf',
      mediaType: 'application/pdf',
      size: '10',
      sha256: 'b'.repeat(64),
      storageKey: 'b'.repeat(64),
    },
  ],
  ...overrides,
});

describe('the published projection of a letter', () => {
  const publishedAt = new Date('2026-04-30T22:00:00Z');

  it('copies the public facts and withholds confidential names everywhere', () => {
    const { letter, replies, attachments } = buildProjection(source(), publishedAt);
    expect(letter).toMatchObject({
      reference: 'UA IRN 5/2026',
      type: 'UA',
      recipientKind: 'state',
      leadMandateCode: 'EXPRESSION',
      mandateCodes: ['EXPRESSION', 'DEFENDERS'],
      joint: true,
      sentYear: 2026,
      subject: `Arrest of ${NAME_WITHHELD}`,
      body: `Ms. ${NAME_WITHHELD} and Mr. Omar Open were arrested. Ms. ${NAME_WITHHELD} is held incommunicado.`,
      victims: [
        { name: NAME_WITHHELD, group: false },
        { name: 'Omar Open', group: false },
      ],
      replyStatus: 'replied',
      replyCount: 2,
      lastReplyOn: '2026-04-02',
      publishedAt,
    });
    expect(JSON.stringify(letter)).not.toMatch(/Intelligence Ministry|Leila|perpetrator/);
    expect(replies[0]).toMatchObject({
      text: `Mme ${NAME_WITHHELD} a été libérée.`,
      language: 'fr',
      confidential: false,
    });
    expect(attachments).toEqual([
      expect.objectContaining({ id: 'a1', fileName: `${NAME_WITHHELD} release.pdf`, replyConfidential: false }),
    ]);
  });

  it('turns a confidential reply into a placeholder without text, language or attachments (C12)', () => {
    const { replies, attachments } = buildProjection(source(), publishedAt);
    expect(replies[1]).toMatchObject({
      number: 2,
      receivedOn: '2026-04-02',
      confidential: true,
      text: null,
      language: null,
      correctsNumber: 1,
    });
    expect(attachments.map((attachment) => attachment.id)).toEqual(['a1']);
  });

  it('names the reply status, the recipient kind and the type of imported letters', () => {
    expect(replyStatusOf([])).toBe('not_replied');
    expect(replyStatusOf([{ confidential: true }])).toBe('confidential');
    expect(replyStatusOf([{ confidential: true }, { confidential: false }])).toBe('replied');
    expect(publicType({ type: 'JUA', legacyType: 'JUA' })).toBe('UA');
    expect(publicType({ type: 'JAL', legacyType: 'JAL' })).toBe('AL');
    const other = buildProjection(
      source({
        letter: { ...source().letter, recipientCode: 'OTH', otherRecipientId: 'o1' },
        recipientName: 'Andean Copper Ltd',
      }),
      publishedAt,
    );
    expect(other.letter).toMatchObject({ recipientKind: 'other', recipientName: 'Andean Copper Ltd' });
    const single = buildProjection(source({ mandates: [source().mandates[0]], replies: [] }), publishedAt);
    expect(single.letter).toMatchObject({ joint: false, replyStatus: 'not_replied', replyCount: 0, lastReplyOn: null });
  });

  it('withholds the sources of the linked submissions from every public text and says what it withheld (C14)', () => {
    const base = source();
    const projection = buildProjection(
      source({
        content: content({
          body: 'We were informed by Ivan Informant of Viasna Watch that Ms. Leila Secret was arrested.',
        }),
        replies: [{ ...base.replies[0], text: 'Mr. Informant lies.' }],
        sources: [{ name: 'Ivan Informant', organisation: 'Viasna Watch' }],
      }),
      publishedAt,
    );
    expect(projection.letter.body).toBe(
      `We were informed by ${NAME_WITHHELD} of ${NAME_WITHHELD} that Ms. ${NAME_WITHHELD} was arrested.`,
    );
    expect(projection.replies[0].text).toBe(`Mr. ${NAME_WITHHELD} lies.`);
    expect(projection.withheld).toEqual([
      expect.objectContaining({ name: 'Leila Secret', roles: ['victim'] }),
      { name: 'Ivan Informant', roles: ['source'], occurrences: 2 },
      { name: 'Viasna Watch', roles: ['source_organisation'], occurrences: 1 },
    ]);
    expect(publicTexts(projection).map((text) => text.field)).toEqual([
      'subject',
      'body',
      'themes',
      'victims',
      'replies[1].text',
      'replies[1].attachments',
    ]);
  });
});
