/**
 * npm run bench:pdf — letters rendered as PDF per second by the documents service (the staff's copy,
 * `LetterDocumentsService.forStaff`: access check, the letter and its signatories read from PostgreSQL,
 * then the tagged, deterministic rendering), against raw pdfkit drawing the same text with the same
 * embedded fonts (no structure tree, no metadata, no database), in the same run. Target: at least 0.5×.
 * The renderer alone (`renderLetterPdf`, no database) is measured too, to show where the time goes.
 *
 * One letter of about two pages (a joint letter of two mandates, eight paragraphs), rendered one at a
 * time on one core; the sides take turns round by round. BENCH_PDF_LETTERS (default 50 per side and
 * round) and BENCH_PDF_ROUNDS (default 5) change the size.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import PDFDocument from 'pdfkit';
import { Role, systemActor } from '@spcomms/access';
import { AuthService, UsersService } from '@spcomms/accounts';
import { AppConfig } from '@spcomms/config';
import {
  LETTER_PHRASES,
  LetterDocument,
  LetterDocumentsService,
  genevaDate,
  letterFonts,
  paragraphsOf,
  renderLetterPdf,
} from '@spcomms/documents';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../apps/api/src/configure-app';
import { createBenchDatabase, machineLine } from './support/bench-database';

const LETTERS = Number(process.env.BENCH_PDF_LETTERS ?? 50);
const ROUNDS = Number(process.env.BENCH_PDF_ROUNDS ?? 5);
const PASSWORD = 'bench-password';

const PARAGRAPHS = Array.from(
  { length: 8 },
  (_, index) =>
    `Paragraph ${index + 1}. ` +
    'According to the information received, the journalist was arrested at her home without a warrant, ' +
    'taken to an unknown place of detention and denied access to a lawyer of her choosing and to her family. '.repeat(
      3,
    ),
);

/**
 * Raw pdfkit: the same strings, the same fonts and sizes, no tagging, no metadata (the regular face is
 * the default font, asked for by its PostScript name, as the renderer does).
 */
function rawPdf(letter: LetterDocument): Promise<Buffer> {
  const phrases = LETTER_PHRASES[letter.language];
  const { regular, bold, italic } = letterFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    font: regular as unknown as string,
  });
  doc.registerFont('bold', bold);
  doc.registerFont('italic', italic);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });
  doc.font('DejaVuSerif').fontSize(10).text(phrases.mandates(letter.mandates.length), { align: 'center' });
  for (const mandate of letter.mandates) {
    doc.font('bold').text(mandate, { align: 'center' });
  }
  doc.font('DejaVuSerif').fontSize(11).text(`${phrases.reference} ${letter.reference}`);
  doc.text(phrases.dated(genevaDate(letter.sentOn, letter.language)), { align: 'right' });
  doc.text(letter.addressee.join('\n'));
  doc.font('bold').text(`${phrases.subject} ${letter.subject}`);
  doc.font('DejaVuSerif').text(phrases.salutation);
  for (const paragraph of paragraphsOf(letter.body)) {
    doc.text(paragraph, { align: 'justify' });
  }
  doc.text(phrases.closing);
  for (const signatory of letter.signatories) {
    doc.font('bold').fontSize(11).text(signatory.name);
    doc.font('DejaVuSerif').fontSize(10).text(signatory.title);
  }
  doc.end();
  return done;
}

/** Letters per second of `render`, one at a time. */
async function rate(render: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < LETTERS; index++) {
    await render();
  }
  return LETTERS / (Number(process.hrtime.bigint() - started) / 1e9);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const db = await createBenchDatabase('pdf');
  const config = AppConfig.fromEnv({
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    LOGIN_RATE_LIMIT: '1000',
  });
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot({ config })] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

  try {
    const users = app.get(UsersService);
    const people: Array<[string, Role, string[]]> = [
      ['bench.admin', Role.Admin, []],
      ['bench.assistant', Role.Assistant, ['EXPRESSION', 'DEFENDERS']],
      ['bench.expression', Role.MandateHolder, ['EXPRESSION']],
      ['bench.defenders', Role.MandateHolder, ['DEFENDERS']],
    ];
    for (const [username, role, mandates] of people) {
      await users.create(systemActor('bench'), {
        username,
        displayName: username,
        email: `${username}@bench.local`,
        role,
        mandates,
        password: PASSWORD,
      });
    }
    const call = async (method: 'GET' | 'POST', url: string, token: string | null, body?: unknown) => {
      const answer = await app.inject({
        method,
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(body === undefined ? {} : { payload: body as object }),
      });
      if (answer.statusCode >= 300) {
        throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body}`);
      }
      return answer.json();
    };
    const login = async (username: string) =>
      (await call('POST', '/auth/login', null, { username, password: PASSWORD })).token as string;
    const [admin, assistant, expression, defenders] = await Promise.all(people.map(([username]) => login(username)));

    const mandates = (await call('GET', '/mandates', admin)) as Array<{ id: string; code: string }>;
    for (const [name, code] of [
      ['Irène Exemple-Khan', 'EXPRESSION'],
      ['Mary Example-Lawlor', 'DEFENDERS'],
    ]) {
      const holder = await call('POST', '/mandate-holders', admin, { name });
      const mandateId = mandates.find((mandate) => mandate.code === code)!.id;
      await call('POST', `/mandate-holders/${holder.id}/terms`, admin, { mandateId, startsOn: '2024-01-01' });
    }
    const draft = await call('POST', '/communications', assistant, {
      type: 'UA',
      language: 'en',
      leadMandate: 'EXPRESSION',
      recipientStateCode: 'IRN',
      subject: 'Arbitrary detention of a journalist',
      body: PARAGRAPHS.join('\n\n'),
      victims: [{ name: 'Victim Example', nameConfidential: false }],
      perpetrators: [{ name: 'Ministry of Intelligence', kind: 'state' }],
    });
    await call('POST', `/communications/${draft.id}/invitations`, assistant, { mandates: ['DEFENDERS'] });
    await call('POST', `/communications/${draft.id}/decisions`, defenders, { version: 1, decision: 'approve' });
    await call('POST', `/communications/${draft.id}/decisions`, expression, { version: 1, decision: 'approve' });
    await call('POST', `/communications/${draft.id}/transmit`, assistant, {});

    const actor = (await app.get(AuthService).authenticate(assistant))!;
    const documents = app.get(LetterDocumentsService);
    const letter = await documents.staffDocument(actor, draft.id as string);
    const sample = await documents.forStaff(actor, draft.id as string);
    const raw = await rawPdf(letter);

    const sides: Record<'service' | 'renderer' | 'raw', () => Promise<unknown>> = {
      service: () => documents.forStaff(actor, draft.id as string),
      renderer: () => renderLetterPdf(letter),
      raw: () => rawPdf(letter),
    };
    const names = Object.keys(sides) as Array<keyof typeof sides>;
    for (const name of names) {
      await sides[name]();
      await sides[name]();
    }
    const rates: Record<keyof typeof sides, number[]> = { service: [], renderer: [], raw: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        rates[name].push(await rate(sides[name]));
      }
    }
    const [service, renderer, rawRate] = [median(rates.service), median(rates.renderer), median(rates.raw)];

    console.log(`bench:pdf — ${machineLine()}; PostgreSQL on localhost; load ${loadavg()[0]!.toFixed(2)}`);
    console.log(
      `one letter: ${PARAGRAPHS.length} paragraphs, ${letter.signatories.length} signatories; ` +
        `service PDF ${(sample.content.length / 1024).toFixed(0)} KiB, raw PDF ${(raw.length / 1024).toFixed(0)} KiB; ` +
        `${LETTERS} letters per side and round, ${ROUNDS} rounds, one at a time; medians of the rounds`,
    );
    console.log(`service (database + tagged render)  ${service.toFixed(1).padStart(7)} letters/s`);
    console.log(`renderer alone (tagged, metadata)   ${renderer.toFixed(1).padStart(7)} letters/s`);
    console.log(`raw pdfkit, same text and fonts     ${rawRate.toFixed(1).padStart(7)} letters/s`);
    console.log(
      `service/raw ${(service / rawRate).toFixed(2)}×   renderer/raw ${(renderer / rawRate).toFixed(2)}×   (target ≥ 0.5×)`,
    );
  } finally {
    await app.close();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
