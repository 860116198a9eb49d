import { createHash } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Role } from '@spcomms/access';
import { startOfCalendarDate } from '@spcomms/clock';
import { PublicationService } from '@spcomms/publication';
import { AttachmentStorage } from '@spcomms/replies';
import { TestClock } from '@spcomms/testing';
import { draftBody } from '../../support/letters';
import { SentLetter, TestReply, insertReply } from '../../support/publication';
import { TEST_PASSWORD, TestApp, createTestApp } from '../../support/test-app';

/** A word that exists only in letters that must never be public; no page may show it. */
export const UNPUBLISHED_WORD = 'Quetzalcoatlus';
/** A word only in a confidential reply. */
export const CONFIDENTIAL_WORD = 'Zanzibarine';
/** The file name of the public annex to a reply of the first letter. */
export const ANNEX_FILE = 'Judgment of the Revolutionary Court.pdf';
export const ANNEX = Buffer.from('%PDF-1.4\n% public annex of a reply\n%%EOF\n');

export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface PublishedLetter extends SentLetter {
  /** The readable address of its page: "UA IRN 5/2025" → "UA-IRN-5-2025". */
  slug: string;
}

/** The site and the API in one process, listening on a free port of the loopback, over published letters. */
export interface BrowserSite {
  sut: TestApp;
  clock: TestClock;
  /** http://127.0.0.1:<port> */
  origin: string;
  letters: Record<'joint' | 'french' | 'chinese' | 'russian' | 'spanish' | 'followUp', PublishedLetter>;
  /** A user who logs in on the site (password TEST_PASSWORD). */
  user: { username: string; password: string };
  close(): Promise<void>;
}

export const slugOf = (reference: string) => reference.replace(/[\s/]+/g, '-');

function assertSetup(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) {
    throw new Error(`site setup: ${what}: expected ${String(expected)}, got ${String(actual)}`);
  }
}

/**
 * Starts the API app (with the site) on a database of its own and publishes, through the real
 * services, letters in three languages with replies in six, a public annex, a confidential reply and
 * a follow-up; plus letters that are sent but not public, whose words no page may show.
 */
export async function startSite(): Promise<BrowserSite> {
  const clock = new TestClock('2025-06-10T10:00:00Z');
  const sut = await createTestApp({
    clock,
    env: {
      TOKEN_TTL_HOURS: '1000000',
      PUBLIC_RATE_LIMIT: '1000000',
      LOGIN_RATE_LIMIT: '1000',
      LOGIN_ADDRESS_RATE_LIMIT: '1000',
    },
  });
  try {
    const assistant = (
      await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
    ).token;
    const srExpression = (
      await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
    ).token;
    const srDefenders = (
      await sut.createUser({ username: 'sr.defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
    ).token;
    await sut.createUser({ username: 'committee', role: Role.Committee });

    const sha256 = createHash('sha256').update(ANNEX).digest('hex');
    await sut.app.get(AttachmentStorage).put(Readable.from([ANNEX]), sha256);

    const send = async (
      sentAt: string,
      body: Record<string, unknown>,
      options: { cosign?: boolean; replies?: TestReply[]; check?: boolean; publish?: boolean } = {},
    ): Promise<PublishedLetter> => {
      clock.set(sentAt);
      const draft = await sut.post('/communications', draftBody({ themes: [], ...body }), { token: assistant });
      assertSetup(draft.status, 201, 'draft');
      if (options.cosign) {
        await sut.post(
          `/communications/${draft.body.id}/invitations`,
          { mandates: ['DEFENDERS'] },
          { token: assistant },
        );
        await sut.post(
          `/communications/${draft.body.id}/decisions`,
          { version: 1, decision: 'approve' },
          { token: srDefenders },
        );
      }
      await sut.post(
        `/communications/${draft.body.id}/decisions`,
        { version: 1, decision: 'approve' },
        { token: srExpression },
      );
      const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
      assertSetup(sent.status, 200, 'transmit');
      const letter = sent.body.letters[0] as SentLetter;
      for (const reply of options.replies ?? []) {
        await insertReply(sut.dataSource(), letter.id, reply, clock.now());
      }
      if (options.check ?? true) {
        const check = await sut.post(`/communications/${letter.id}/redaction-check`, {}, { token: assistant });
        assertSetup(check.status, 201, 'redaction check');
      }
      if (options.publish ?? true) {
        clock.set(startOfCalendarDate(letter.publicFrom, 'Europe/Zurich'));
        assertSetup(await sut.app.get(PublicationService).publishDue(letter.id), 'published', 'publication');
      }
      return { ...letter, slug: slugOf(letter.reference) };
    };

    const joint = await send(
      '2025-06-10T10:00:00Z',
      {
        subject: 'Executions of journalists',
        body: 'We have received information concerning the executions of journalists and the defence of freedom of expression.',
        victims: [{ name: 'Reza Sample', gender: 'male', nameConfidential: false }],
        themes: ['death penalty'],
      },
      {
        cosign: true,
        replies: [
          {
            number: 1,
            receivedOn: '2025-08-15',
            text: 'The journalists were tried fairly.',
            attachments: [{ fileName: ANNEX_FILE, sha256, size: ANNEX.length }],
          },
          {
            number: 2,
            receivedOn: '2025-09-01',
            confidential: true,
            text: `${CONFIDENTIAL_WORD} details of the case.`,
          },
          { number: 3, receivedOn: '2025-09-20', language: 'ar', text: 'اعتقال المدافعين عن حقوق الإنسان' },
        ],
      },
    );
    const french = await send('2025-11-30T10:00:00Z', {
      type: 'AL',
      language: 'fr',
      recipientStateCode: 'EGY',
      subject: 'Blogueur détenu',
      body: 'Détention arbitraire des défenseurs des droits humains.',
    });
    const chinese = await send(
      '2025-12-01T10:00:00Z',
      {
        type: 'OL',
        recipientStateCode: 'CHN',
        subject: 'Draft law on associations',
        body: 'Comments on a bill on foreign associations.',
        victims: [],
        perpetrators: [],
        lawOrPolicy: 'Draft law on foreign NGOs',
      },
      {
        replies: [
          { number: 1, receivedOn: '2026-02-01', language: 'zh', text: '中国政府重视联合国人权理事会的来函。' },
        ],
      },
    );
    const russian = await send(
      '2024-02-29T10:00:00Z',
      { type: 'AL', recipientStateCode: 'RUS', subject: 'Detention of a blogger', body: 'The blogger was detained.' },
      {
        replies: [
          {
            number: 1,
            receivedOn: '2024-05-01',
            language: 'ru',
            text: 'Правозащитники были задержаны в соответствии с законом.',
          },
        ],
      },
    );
    const spanish = await send('2025-05-31T10:00:00Z', {
      type: 'AL',
      language: 'es',
      recipientStateCode: 'COL',
      subject: 'Desapariciones forzadas cerca de la mina',
      body: 'Información sobre desapariciones forzadas.',
    });
    const followUp = await send('2025-12-15T10:00:00Z', {
      type: 'AL',
      subject: 'Follow-up on the executions of journalists',
      body: 'Further information on the executions.',
      followsUp: [joint.id],
    });

    // Never public: a draft, a letter not yet public, a letter whose redaction was never checked.
    const unpublished = { type: 'AL', subject: `${UNPUBLISHED_WORD} case`, body: `The ${UNPUBLISHED_WORD} facts.` };
    clock.set('2025-07-01T10:00:00Z');
    assertSetup(
      (await sut.post('/communications', draftBody(unpublished), { token: assistant })).status,
      201,
      'unpublished draft',
    );
    await send('2025-07-02T10:00:00Z', unpublished, { publish: false });
    await send('2025-07-03T10:00:00Z', { ...unpublished, followsUp: [joint.id] }, { check: false, publish: false });

    clock.set('2026-06-01T10:00:00Z');
    await sut.app.listen(0, '127.0.0.1');
    const { port } = sut.app.getHttpServer().address() as AddressInfo;
    return {
      sut,
      clock,
      origin: `http://127.0.0.1:${port}`,
      letters: { joint, french, chinese, russian, spanish, followUp },
      user: { username: 'committee', password: TEST_PASSWORD },
      close: () => sut.close(),
    };
  } catch (error) {
    await sut.close();
    throw error;
  }
}
