import { Role } from '@spcomms/access';
import { draftBody, editBody } from './support/letters';
import { TestApp, createTestApp } from './support/test-app';

type Persona =
  | 'public'
  | 'assistant'
  | 'assistantOther'
  | 'holder'
  | 'holderOther'
  | 'government'
  | 'governmentOther'
  | 'committee'
  | 'admin';

/**
 * allow: passes access control and may see the letter; blind: passes but must not reveal it;
 * 401/403/404: denied, and the answer reveals nothing of the letter.
 */
type Expectation = 'allow' | 'blind' | 401 | 403 | 404;

const PERSONAS: Persona[] = [
  'public',
  'assistant',
  'assistantOther',
  'holder',
  'holderOther',
  'government',
  'governmentOther',
  'committee',
  'admin',
];
const SUBJECT = 'AUTHZ-MARKER subject of a confidential letter';
const NOTE = 'AUTHZ-NOTE the source was met in person';
const VICTIM = 'Authz Marker-Victim';

/** One row per endpoint of the communications issue: who may call it, and what each persona gets. */
interface Row {
  name: string;
  request: (ids: Ids) => { method: string; url: string; body?: unknown };
  expect: Record<Persona, Expectation>;
}

interface Ids {
  draft: string;
  sent: string;
  /** The sent letter's reference, in its URL form. */
  reference: string;
  revision: () => number;
}

const staffOnly = (own: Expectation, ownHolder: Expectation): Record<Persona, Expectation> => ({
  public: 401,
  assistant: own,
  assistantOther: 404,
  holder: ownHolder,
  holderOther: ownHolder === 403 ? 403 : 404,
  government: 403,
  governmentOther: 403,
  committee: 403,
  admin: 403,
});

const ROWS: Row[] = [
  {
    name: 'list letters',
    request: () => ({ method: 'GET', url: '/communications' }),
    expect: { ...staffOnly('allow', 'allow'), assistantOther: 'blind', holderOther: 'blind' },
  },
  {
    name: 'draft a letter',
    request: () => ({ method: 'POST', url: '/communications', body: draftBody({ subject: 'Another letter' }) }),
    expect: { ...staffOnly('allow', 403), assistantOther: 403 },
  },
  {
    name: 'read a draft',
    request: (ids) => ({ method: 'GET', url: `/communications/${ids.draft}` }),
    expect: staffOnly('allow', 'allow'),
  },
  {
    name: 'read a sent letter',
    request: (ids) => ({ method: 'GET', url: `/communications/${ids.sent}` }),
    expect: staffOnly('allow', 'allow'),
  },
  {
    name: 'download a sent letter as PDF',
    request: (ids) => ({ method: 'GET', url: `/communications/${ids.sent}/pdf` }),
    expect: staffOnly('allow', 'allow'),
  },
  {
    name: 'download a draft as PDF',
    request: (ids) => ({ method: 'GET', url: `/communications/${ids.draft}/pdf` }),
    expect: staffOnly(404, 404),
  },
  {
    name: 'edit a draft',
    request: (ids) => ({
      method: 'PATCH',
      url: `/communications/${ids.draft}`,
      body: editBody(ids.revision(), { subject: SUBJECT, body: 'Edited' }),
    }),
    expect: staffOnly('allow', 403),
  },
  {
    name: 'list versions',
    request: (ids) => ({ method: 'GET', url: `/communications/${ids.draft}/versions` }),
    expect: staffOnly('allow', 'allow'),
  },
  {
    name: 'read a version',
    request: (ids) => ({ method: 'GET', url: `/communications/${ids.draft}/versions/1` }),
    expect: staffOnly('allow', 'allow'),
  },
  {
    name: 'invite co-signers',
    request: (ids) => ({
      method: 'POST',
      url: `/communications/${ids.draft}/invitations`,
      body: { mandates: ['TORTURE'] },
    }),
    expect: staffOnly('allow', 403),
  },
  {
    name: 'approve a version',
    request: (ids) => ({
      method: 'POST',
      url: `/communications/${ids.draft}/decisions`,
      body: { version: 1, decision: 'approve' },
    }),
    expect: { ...staffOnly(403, 'allow'), assistantOther: 403 },
  },
  {
    name: 'extend the reply date',
    request: (ids) => ({
      method: 'POST',
      url: `/communications/${ids.sent}/extension`,
      body: { replyRequestedBy: '2026-12-31', reason: 'Requested by the Mission' },
    }),
    expect: staffOnly('allow', 403),
  },
  {
    name: 'list schedules',
    request: (ids) => ({ method: 'GET', url: `/communications/${ids.sent}/schedules` }),
    expect: staffOnly('allow', 'allow'),
  },
  {
    name: 'read the timeline',
    request: (ids) => ({ method: 'GET', url: `/communications/${ids.sent}/timeline` }),
    expect: staffOnly('allow', 'allow'),
  },
  {
    name: 'preview the transmission',
    request: (ids) => ({ method: 'GET', url: `/communications/${ids.draft}/transmit-preview` }),
    expect: staffOnly('allow', 403),
  },
  {
    name: 'transmit',
    request: (ids) => ({ method: 'POST', url: `/communications/${ids.draft}/transmit` }),
    expect: staffOnly('allow', 403),
  },
  {
    name: 'find a letter by its reference',
    request: (ids) => ({ method: 'GET', url: `/communications/by-reference/${ids.reference}` }),
    expect: staffOnly('allow', 'allow'),
  },
  {
    name: 'list what awaits my decision',
    request: () => ({ method: 'GET', url: '/communications/awaiting-my-decision' }),
    expect: { ...staffOnly(403, 'allow'), assistantOther: 403, holderOther: 'blind' },
  },
  {
    name: 'link a submission to a draft',
    request: (ids) => ({
      method: 'POST',
      url: `/communications/${ids.draft}/submissions`,
      body: { submissionId: '00000000-0000-4000-8000-000000000000' },
    }),
    expect: staffOnly('allow', 403),
  },
  {
    name: 'abandon a draft',
    request: (ids) => ({
      method: 'POST',
      url: `/communications/${ids.draft}/abandon`,
      body: { reason: 'No longer needed' },
    }),
    expect: staffOnly('allow', 403),
  },
  {
    name: 'portal: list letters to my State',
    request: () => ({ method: 'GET', url: '/portal/communications' }),
    expect: {
      public: 401,
      assistant: 403,
      assistantOther: 403,
      holder: 403,
      holderOther: 403,
      government: 'allow',
      governmentOther: 'blind',
      committee: 403,
      admin: 403,
    },
  },
  {
    name: 'portal: read a sent letter',
    request: (ids) => ({ method: 'GET', url: `/portal/communications/${ids.sent}` }),
    expect: {
      public: 401,
      assistant: 403,
      assistantOther: 403,
      holder: 403,
      holderOther: 403,
      government: 'allow',
      governmentOther: 404,
      committee: 403,
      admin: 403,
    },
  },
  {
    name: 'portal: download a sent letter as PDF',
    request: (ids) => ({ method: 'GET', url: `/portal/communications/${ids.sent}/pdf` }),
    expect: {
      public: 401,
      assistant: 403,
      assistantOther: 403,
      holder: 403,
      holderOther: 403,
      government: 'allow',
      governmentOther: 404,
      committee: 403,
      admin: 403,
    },
  },
  {
    name: 'portal: read a draft',
    request: (ids) => ({ method: 'GET', url: `/portal/communications/${ids.draft}` }),
    expect: {
      public: 401,
      assistant: 403,
      assistantOther: 403,
      holder: 403,
      holderOther: 403,
      government: 404,
      governmentOther: 404,
      committee: 403,
      admin: 403,
    },
  },
];

describe('authorization of the communications endpoints, every role', () => {
  let sut: TestApp;
  const tokens: Partial<Record<Persona, string>> = {};
  let ids: Ids;
  let revision = 1;

  beforeAll(async () => {
    sut = await createTestApp({ env: { TOKEN_TTL_HOURS: '1000' } });
    const scopes: Record<Exclude<Persona, 'public'>, { role: Role; mandates?: string[]; stateCode?: string }> = {
      assistant: { role: Role.Assistant, mandates: ['EXPRESSION'] },
      assistantOther: { role: Role.Assistant, mandates: ['HOUSING'] },
      holder: { role: Role.MandateHolder, mandates: ['EXPRESSION'] },
      holderOther: { role: Role.MandateHolder, mandates: ['HOUSING'] },
      government: { role: Role.Government, stateCode: 'IRN' },
      governmentOther: { role: Role.Government, stateCode: 'BLR' },
      committee: { role: Role.Committee },
      admin: { role: Role.Admin },
    };
    for (const [persona, scope] of Object.entries(scopes)) {
      tokens[persona as Persona] = (
        await sut.createUser({ username: `authz.${persona.toLowerCase()}`, ...scope })
      ).token;
    }
    const confidential = { subject: SUBJECT, internalNotes: NOTE, victims: [{ name: VICTIM, nameConfidential: true }] };
    const sent = await sut.post('/communications', draftBody(confidential), { token: tokens.assistant });
    await sut.post(
      `/communications/${sent.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: tokens.holder },
    );
    const transmitted = await sut.post(`/communications/${sent.body.id}/transmit`, {}, { token: tokens.assistant });
    if (transmitted.status !== 200) {
      throw new Error(`setup: transmission failed ${JSON.stringify(transmitted.body)}`);
    }
    const draft = await sut.post('/communications', draftBody(confidential), { token: tokens.assistant });
    ids = {
      draft: draft.body.id,
      sent: sent.body.id,
      reference: transmitted.body.letters[0].reference.replace(/[ /]/g, '-'),
      revision: () => revision,
    };
  });
  afterAll(() => sut.close());

  const cases = ROWS.flatMap((row) =>
    PERSONAS.map((persona) => [row.name, persona, row.expect[persona], row] as const),
  );

  it.each(cases)('%s as %s → %s', async (_, persona, expected, row) => {
    const { method, url, body } = row.request(ids);
    const answer = await sut.request(method, url, method === 'GET' ? undefined : (body ?? {}), {
      token: tokens[persona],
    });
    const text = JSON.stringify(answer.body);

    const outcome = [401, 403, 404].includes(answer.status) ? answer.status : answer.status < 500 ? 'passed' : 'failed';
    expect(outcome).toBe(expected === 'allow' || expected === 'blind' ? 'passed' : expected);
    // A denial answers in the error shape.
    const shaped =
      typeof expected !== 'number' || (answer.body?.statusCode === expected && typeof answer.body?.code === 'string');
    expect(shaped).toBe(true);
    // Whoever may not see the letter learns nothing of it; the Government never sees internal notes.
    const revealsLetter = text.includes('AUTHZ-MARKER') || text.includes(VICTIM);
    expect(expected !== 'allow' && revealsLetter).toBe(false);
    expect(persona.startsWith('government') && text.includes('AUTHZ-NOTE')).toBe(false);
    if (answer.status === 200 && typeof answer.body?.revision === 'number' && row.name === 'edit a draft') {
      revision = answer.body.revision;
    }
  });

  it('covers every communications and portal route of the OpenAPI document', async () => {
    const document = (await sut.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/communications') || path.startsWith('/portal/communications'))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .filter((route) => !/replies|redaction-check|publication/.test(route));
    const covered = new Set(
      ROWS.map((row) => {
        const { method, url } = row.request({
          draft: '{id}',
          sent: '{id}',
          reference: '{reference}',
          revision: () => 1,
        });
        return `${method} ${url.replace(/\/versions\/1$/, '/versions/{number}')}`;
      }),
    );
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
  });
});
