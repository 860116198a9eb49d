import { CommunicationDto, VersionDto } from '@spcomms/communications';
import { Catalogue } from '../../i18n/catalogue';
import { buildPageContext } from '../../render/page-context';
import { decideView, lastDecidedVersion, pendingMandates } from './decisions.view';

describe('the decision page view', () => {
  const catalogue = new Catalogue();
  const context = buildPageContext({ catalogue, lang: 'en', path: '/', csrf: '', user: null });
  const mandate = (code: string, participation: string) => ({
    code,
    title: `Special Rapporteur ${code}`,
    participation,
    signOnDeadline: null,
    approvedCurrentVersion: false,
  });
  const approval = (code: string, version: number, decision: string, current: boolean) => ({
    mandate: code,
    version,
    decision,
    current,
    decidedAt: new Date('2026-04-01T09:00:00Z'),
    note: null,
  });
  const letter = (overrides: Partial<CommunicationDto> = {}): CommunicationDto =>
    ({
      id: '11111111-1111-4111-8111-111111111111',
      status: 'draft',
      type: 'AL',
      language: 'fr',
      recipient: { code: 'CHE', name: 'Switzerland', otherRecipientId: null },
      mandates: [mandate('ASSEMBLY', 'lead'), mandate('DEFENDERS', 'invited'), mandate('TOXICS', 'declined')],
      approvals: [],
      currentVersion: { number: 3, contentHash: 'x', createdAt: new Date() },
      ...overrides,
    }) as CommunicationDto;
  const version = (number: number, body: string): VersionDto => ({
    number,
    contentHash: String(number),
    createdAt: new Date(),
    content: { subject: 'Arrests', body },
  });

  it('asks the holder’s mandates on the letter that have not decided on the current version', () => {
    expect(pendingMandates(letter(), ['DEFENDERS', 'TOXICS', 'HEALTH']).map((m) => m.code)).toEqual(['DEFENDERS']);
    expect(pendingMandates(letter({ approvals: [approval('DEFENDERS', 3, 'decline', true)] }), ['DEFENDERS'])).toEqual(
      [],
    );
    expect(
      pendingMandates(letter({ approvals: [approval('DEFENDERS', 2, 'approve', false)] }), ['DEFENDERS']),
    ).toHaveLength(1);
    expect(pendingMandates(letter({ status: 'sent' }), ['ASSEMBLY'])).toEqual([]);
  });

  it('compares with the latest earlier version the holder’s mandate decided on', () => {
    const decided = letter({
      approvals: [
        approval('ASSEMBLY', 1, 'approve', false),
        approval('ASSEMBLY', 2, 'decline', false),
        approval('DEFENDERS', 1, 'approve', false),
      ],
    });
    expect(lastDecidedVersion(decided, ['ASSEMBLY'])).toBe(2);
    expect(lastDecidedVersion(decided, ['DEFENDERS'])).toBe(1);
    expect(lastDecidedVersion(decided, ['TOXICS'])).toBeNull();

    const view = decideView(
      {
        letter: decided,
        current: version(3, 'The new text'),
        previous: version(2, 'The old text'),
        codes: ['ASSEMBLY'],
      },
      context,
    );
    expect(view.lastSeen?.label).toBe('Changes since version 2, the last one your mandate decided on:');
    expect(view.lastSeen?.body).toEqual([
      { kind: 'same', text: 'The ' },
      { kind: 'removed', text: 'old' },
      { kind: 'added', text: 'new' },
      { kind: 'same', text: ' text' },
    ]);
    expect(view.lang).toBe('fr');
    expect(view.form.mandate).toBe('ASSEMBLY');
    expect(view.nothing).toBeNull();
  });

  it('says why there is nothing to decide', () => {
    const none = decideView(
      { letter: letter(), current: version(3, 'Text'), previous: null, codes: ['HEALTH'] },
      context,
    );
    expect(none.nothing).toBe('None of your mandates is asked to sign this letter.');
    expect(none.lastSeen).toBeNull();
  });
});
