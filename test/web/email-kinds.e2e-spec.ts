import { Role } from '@spcomms/access';
import { MAIL_LANGUAGES, MailLanguage, MailTemplate, renderMail } from '@spcomms/notifications';
import { TestClock } from '@spcomms/testing';
import { draftBody, editBody } from '../support/letters';
import { SentLetter, planPublication } from '../support/publication';
import { TestApp, TEST_PASSWORD } from '../support/test-app';
import { Browser } from '../support/web';
import { WorkerApp, startWorkerApp } from '../support/worker-app';

/** A raw ISO day or instant, as a reader should never see one. */
const ISO_DATE = /\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?/;

/** The schedule kinds whose handlers write the e-mails under test; other kinds do not move the clock. */
const MAILING_SCHEDULES = [
  'letter.reminder.before',
  'letter.reminder.due',
  'letter.overdue',
  'letter.reminder.after',
  'letter.approval_reminder',
  'letter.sign_on_deadline',
  'communication.publication_notice',
  'communication.publish',
  'visit.reminder',
];

/** The kinds that email-languages.e2e-spec.ts follows from their request to their page. */
const FOLLOWED_IN_EMAIL_LANGUAGES = [
  MailTemplate.LetterTransmitted,
  MailTemplate.ReplyDeadlineExtended,
  MailTemplate.ReplyReceipt,
  MailTemplate.ReplyReceived,
  MailTemplate.ApprovalRequested,
  MailTemplate.VisitRequested,
  MailTemplate.AccountPasswordSetup,
];

interface Mailed {
  recipientUserId: string;
  recipientAddress: string;
  subjectId: string;
  kind: string;
  language: MailLanguage;
  template: string;
  params: Record<string, string>;
}

/**
 * Issue #16, every kind of e-mail not written at once by a request: the reminders, the overdue mark,
 * the publication notices, the visit reminder, the approval reminder and version, and the password
 * reset. Each is produced by its real code path (the worker runs the schedules as the clock moves),
 * read from the outbox, and checked in each of the six languages: every placeholder filled, no raw ISO
 * date, one link to a page of the site in that language which answers 200 once its reader logged in.
 */
describe('every kind of e-mail, in the six languages, opens its page', () => {
  // A worker, months of schedules and some thirty logins (a password hash each).
  jest.setTimeout(600_000);
  let harness: WorkerApp;
  let sut: TestApp;
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const tokens: Record<string, string> = {};
  const usernameOf: Record<string, string> = {};
  const browsers = new Map<string, Browser>();
  /** The templates whose every language was followed here. */
  const followed = new Set<MailTemplate>();
  let letter: SentLetter;
  let draftId: string;
  let visitId: string;

  async function user(
    username: string,
    role: Role,
    scope: { mandates?: string[]; stateCode?: string; language?: MailLanguage },
  ): Promise<void> {
    const created = await sut.createUser({ username, role, ...scope });
    tokens[username] = created.token;
    usernameOf[created.id] = username;
  }

  async function mailed(kinds: string[]): Promise<Mailed[]> {
    return (await sut.dataSource().query(
      `SELECT recipient_user_id AS "recipientUserId", recipient_address AS "recipientAddress", subject_id AS "subjectId", kind, language, template, params
         FROM outbox_message WHERE kind = ANY($1) ORDER BY created_at, recipient_address`,
      [kinds],
    )) as Mailed[];
  }

  async function loggedIn(userId: string): Promise<Browser> {
    const username = usernameOf[userId]!;
    let browser = browsers.get(username);
    if (!browser) {
      browser = new Browser(sut);
      await browser.login(username, TEST_PASSWORD);
      browsers.set(username, browser);
    }
    return browser;
  }

  /** The message as its reader gets it: placeholders filled, no ISO date, one link in its language; answers the link. */
  function readAsSent(mail: Mailed): URL {
    const { subject, body } = renderMail(mail.template, mail.language, mail.params);
    const text = `${subject}\n${body}`;
    // The worker delivered it: the SMTP server got this subject at the recipient's address.
    const delivered = harness.smtp.received.some(
      (received) => received.to.includes(mail.recipientAddress) && received.subject === subject,
    );
    expect([mail.kind, mail.language, delivered]).toEqual([mail.kind, mail.language, true]);
    expect([mail.kind, mail.language, text]).toEqual([mail.kind, mail.language, expect.not.stringMatching(/[{}]/)]);
    expect([mail.kind, mail.language, text]).toEqual([
      mail.kind,
      mail.language,
      expect.not.stringMatching(/undefined|null|NaN|\[object/),
    ]);
    expect([mail.kind, mail.language, ISO_DATE.exec(text)?.[0] ?? null]).toEqual([mail.kind, mail.language, null]);
    const links = body.match(/https?:\/\/[^\s<>"]+/g) ?? [];
    expect([mail.kind, mail.language, links.length]).toEqual([mail.kind, mail.language, 1]);
    const url = new URL(links[0]!);
    expect([mail.kind, url.pathname.startsWith(`/${mail.language}/`)]).toEqual([mail.kind, true]);
    return url;
  }

  /**
   * Each mail of the kind reads as sent; in each of the six languages its link's path is the expected
   * one and opens (200, in that language) for its reader, logged in unless `loginNeeded` is false.
   * With `subjectId`, only the mails about that letter, draft or visit count.
   */
  async function expectEachLanguageOpens(
    kind: string,
    template: MailTemplate,
    path: (language: MailLanguage) => RegExp,
    { loginNeeded = true, subjectId }: { loginNeeded?: boolean; subjectId?: string } = {},
  ): Promise<void> {
    const mails = (await mailed([kind])).filter((mail) => !subjectId || mail.subjectId === subjectId);
    expect([kind, [...new Set(mails.map((mail) => mail.language))].sort()]).toEqual([kind, [...MAIL_LANGUAGES].sort()]);
    expect([kind, [...new Set(mails.map((mail) => mail.template))]]).toEqual([kind, [template]]);
    const seen = new Set<string>();
    for (const mail of mails) {
      const url = readAsSent(mail);
      const address = `${url.pathname}${url.search}`;
      expect([kind, mail.language, address]).toEqual([kind, mail.language, expect.stringMatching(path(mail.language))]);
      if (seen.has(mail.language)) {
        continue;
      }
      seen.add(mail.language);
      const browser = loginNeeded ? await loggedIn(mail.recipientUserId) : new Browser(sut);
      const page = await browser.get(address);
      expect([kind, mail.language, page.status]).toEqual([kind, mail.language, 200]);
      expect([kind, page.$('html')!.getAttribute('lang')]).toEqual([kind, mail.language]);
    }
    followed.add(template);
  }

  /** A step of the setup went as planned (expect belongs in the tests themselves). */
  function answered(answer: { status: number; body: unknown }, status: number, what: string): void {
    if (answer.status !== status) {
      throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }

  /** Moves the clock from one due schedule to the next (each on its own day, as the worker would) until `until`. */
  async function runSchedulesUntil(until: string): Promise<void> {
    for (let step = 0; step < 40; step++) {
      const [next] = (await sut
        .dataSource()
        .query(
          `SELECT min(due_at) AS "dueAt" FROM schedule WHERE state = 'pending' AND kind = ANY($1) AND due_at <= $2`,
          [MAILING_SCHEDULES, until],
        )) as Array<{ dueAt: Date | null }>;
      if (!next?.dueAt) {
        return;
      }
      await harness.moveTo(new Date(Math.max(next.dueAt.getTime(), clock.now().getTime())));
    }
    throw new Error(`schedules still due before ${until}`);
  }

  beforeAll(async () => {
    harness = await startWorkerApp(clock);
    sut = harness.sut;
    await user('kind-admin', Role.Admin, {});
    await user('kind-lead', Role.MandateHolder, { mandates: ['EXPRESSION'], language: 'en' });
    // One person of each role in each language: focal points of Iran, assistants of both mandates,
    // holders of the co-signing mandate.
    for (const language of MAIL_LANGUAGES) {
      await user(`kind-gov-${language}`, Role.Government, { stateCode: 'IRN', language });
      await user(`kind-assistant-${language}`, Role.Assistant, { mandates: ['EXPRESSION', 'TORTURE'], language });
      await user(`kind-holder-${language}`, Role.MandateHolder, { mandates: ['TORTURE'], language });
    }
    const assistant = tokens['kind-assistant-en']!;

    // A letter sent to Iran: its reminders, overdue mark and publication notices follow.
    const created = await sut.post('/communications', draftBody(), { token: assistant });
    answered(created, 201, 'created');
    const approved = await sut.post(
      `/communications/${created.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: tokens['kind-lead'] },
    );
    answered(approved, 201, 'approved');
    const sent = await sut.post(`/communications/${created.body.id}/transmit`, {}, { token: assistant });
    answered(sent, 200, 'sent');
    letter = sent.body.letters[0] as SentLetter;
    await planPublication(sut, letter);

    // A draft with an invited co-signer, then edited: a new version to approve, and a reminder half-way to sign-on.
    const draft = await sut.post('/communications', draftBody({ subject: 'Detention of a lawyer' }), {
      token: assistant,
    });
    answered(draft, 201, 'draft');
    draftId = draft.body.id as string;
    const invited = await sut.post(
      `/communications/${draftId}/invitations`,
      { mandates: ['TORTURE'] },
      { token: assistant },
    );
    answered(invited, 201, 'invited');
    const current = await sut.get(`/communications/${draftId}`, { token: assistant });
    const edited = await sut.patch(
      `/communications/${draftId}`,
      editBody(current.body.revision, { subject: 'Detention of a lawyer', body: 'New information came in …' }),
      { token: assistant },
    );
    answered(edited, 200, 'edited');

    // A visit request to Iran, unanswered: reminded after months.
    const visit = await sut.post(
      '/visits',
      { mandateCode: 'TORTURE', stateCode: 'IRN', purpose: 'To assess places of detention' },
      { token: assistant },
    );
    answered(visit, 201, 'visit');
    visitId = visit.body.id as string;

    await runSchedulesUntil('2026-10-01T00:00:00Z');
  }, 600_000);

  afterAll(() => harness?.close());

  const letterPortal = (language: MailLanguage) =>
    new RegExp(`^/${language}/portal/letters/${letter.reference.replace(/[ /]/g, '-')}$`);
  const letterWorkspace = (language: MailLanguage) => new RegExp(`^/${language}/workspace/letters/${letter.id}$`);
  const decision = (language: MailLanguage) => new RegExp(`^/${language}/workspace/decisions/${draftId}$`);

  it('reminds focal points before, on and after the reply date; the link opens the letter on the portal', async () => {
    await expectEachLanguageOpens('letter.reminder.before', MailTemplate.ReminderBefore, letterPortal, {
      subjectId: letter.id,
    });
    await expectEachLanguageOpens('letter.reminder.due', MailTemplate.ReminderDue, letterPortal, {
      subjectId: letter.id,
    });
    await expectEachLanguageOpens('letter.reminder.after', MailTemplate.ReminderAfter, letterPortal, {
      subjectId: letter.id,
    });
  });

  it('tells assistants of an overdue letter; the link opens the letter in the workspace', async () => {
    await expectEachLanguageOpens('letter.overdue', MailTemplate.LetterOverdue, letterWorkspace, {
      subjectId: letter.id,
    });
  });

  it('tells assistants that the letter is about to become public, and that it waits for the redaction check', async () => {
    await expectEachLanguageOpens('publication.due', MailTemplate.PublicationDue, letterWorkspace, {
      subjectId: letter.id,
    });
    await expectEachLanguageOpens(
      'publication.redaction_check_missing',
      MailTemplate.RedactionCheckMissing,
      letterWorkspace,
      { subjectId: letter.id },
    );
  });

  it('asks the co-signing holders to approve the new version, and reminds them; the link opens the decision', async () => {
    const versions = (await mailed(['approval.version'])).filter((mail) => mail.params.version === '2');
    expect([...new Set(versions.map((mail) => mail.language))].sort()).toEqual([...MAIL_LANGUAGES].sort());
    await expectEachLanguageOpens('approval.version', MailTemplate.ApprovalVersion, decision, { subjectId: draftId });
    await expectEachLanguageOpens('approval.reminder', MailTemplate.ApprovalReminder, decision, { subjectId: draftId });
  });

  it('reminds focal points of an unanswered visit request; the link opens the visit on the portal', async () => {
    await expectEachLanguageOpens(
      'visit.request_reminder',
      MailTemplate.VisitRequestReminder,
      (language) => new RegExp(`^/${language}/portal/visits/${visitId}$`),
      { subjectId: visitId },
    );
  });

  it('sends the one-time link after a password reset: it opens the set-password page, no login needed', async () => {
    for (const language of MAIL_LANGUAGES) {
      await user(`kind-reset-${language}`, Role.Committee, { language });
    }
    for (const language of MAIL_LANGUAGES) {
      const id = Object.keys(usernameOf).find((key) => usernameOf[key] === `kind-reset-${language}`)!;
      const reset = await sut.post(`/users/${id}/password`, {}, { token: tokens['kind-admin'] });
      expect(reset.status).toBe(200);
    }
    await harness.moveTo(clock.now());
    await expectEachLanguageOpens(
      'account.password_reset',
      MailTemplate.AccountPasswordReset,
      (language) => new RegExp(`^/${language}/set-password\\?token=spl_[\\w-]+$`),
      { loginNeeded: false },
    );
  });

  it('leaves no kind of e-mail unfollowed: with email-languages, every template is opened in every language', () => {
    expect([...followed, ...FOLLOWED_IN_EMAIL_LANGUAGES].sort()).toEqual(Object.values(MailTemplate).sort());
  });
});
