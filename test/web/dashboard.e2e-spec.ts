import { Role } from '@spcomms/access';
import { StatisticsFactory } from '../../libs/statistics/test/statistics-factory';
import { draftBody } from '../support/letters';
import { insertReply } from '../support/publication';
import { loadStatistics2017 } from '../support/statistics-2017';
import { Browser, TEST_PASSWORD, WebTestApp, createWebTestApp } from '../support/web';

const PERIOD_2017 = 'cutoff=2018-01-31&from=2017-01-01&to=2017-12-31';
/** Words that exist only in a letter not yet published and in a confidential reply to it. */
const SECRET_SUBJECT = 'Pterodactylus';
const SECRET_VICTIM = 'Archaeopteryx Lithographica';
const SECRET_REPLY = 'Zanzibarine';

const valueOf = (page: { $(selector: string): { text: string } | null }, id: string) =>
  page.$(`#figure-${id} .dashboard-figures__value`)?.text.trim();

describe('the Coordination Committee dashboard (S)', () => {
  let sut: WebTestApp;
  let committee: Browser;
  let committeeToken: string;
  let secretReference: string;

  beforeAll(async () => {
    sut = await createWebTestApp();
    await loadStatistics2017(sut.dataSource());
    // Country visits around 2017 (cut-off 31 January 2018): requested in 2017 are Mexico, China and the
    // United States; accepted in 2017 are Brazil (requested in 2016) and Mexico, not the United States
    // (after the cut-off).
    const visits = new StatisticsFactory(sut.dataSource());
    const move = (to: string, at: string) => ({ to, move: to === 'accepted' ? 'accept' : 'schedule', at });
    await visits.visit({
      mandate: 'EXPRESSION',
      state: 'BRA',
      requestedOn: '2016-11-01',
      moves: [move('accepted', '2017-02-01T09:00:00Z')],
    });
    await visits.visit({
      mandate: 'EXPRESSION',
      state: 'MEX',
      requestedOn: '2017-03-01',
      scheduledFrom: '2017-09-04',
      scheduledTo: '2017-09-15',
      moves: [
        move('accepted', '2017-04-01T09:00:00Z'),
        move('scheduled', '2017-05-01T09:00:00Z'),
        { to: 'under_way', move: 'start', at: '2017-09-04T06:00:00Z' },
        { to: 'completed', move: 'complete', at: '2017-09-15T16:00:00Z' },
      ],
    });
    await visits.visit({ mandate: 'EXPRESSION', state: 'CHN', requestedOn: '2017-06-01' });
    await visits.visit({
      mandate: 'EXPRESSION',
      state: 'USA',
      requestedOn: '2017-10-01',
      moves: [move('accepted', '2018-02-10T09:00:00Z')],
    });
    committeeToken = (await sut.createUser({ username: 'dash.committee', role: Role.Committee })).token;
    await sut.createUser({ username: 'dash.admin', role: Role.Admin });
    await sut.createUser({ username: 'dash.assistant', role: Role.Assistant, mandates: ['EXPRESSION'] });
    await sut.createUser({ username: 'dash.holder', role: Role.MandateHolder, mandates: ['EXPRESSION'] });
    await sut.createUser({ username: 'dash.government', role: Role.Government, stateCode: 'IRN' });
    const assistant = await sut.login('dash.assistant');
    const holder = await sut.login('dash.holder');

    // A letter sent today (not yet public), with a confidential reply: nothing of it may show.
    const draft = await sut.post(
      '/communications',
      draftBody({
        subject: `${SECRET_SUBJECT} case`,
        body: `${SECRET_SUBJECT} facts of the case.`,
        victims: [{ name: SECRET_VICTIM, gender: 'female', ageGroup: 'adult', nameConfidential: true }],
      }),
      { token: assistant },
    );
    if (draft.status !== 201) {
      throw new Error(`setup: draft answered ${draft.status}`);
    }
    await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: holder },
    );
    const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: assistant });
    if (sent.status !== 200) {
      throw new Error(`setup: transmit answered ${sent.status}`);
    }
    secretReference = sent.body.letters[0].reference;
    await insertReply(
      sut.dataSource(),
      sent.body.letters[0].id,
      { number: 1, receivedOn: '2026-03-02', confidential: true, text: `${SECRET_REPLY} details.` },
      sut.clock.now(),
    );

    committee = sut.browser();
    await committee.login('dash.committee', TEST_PASSWORD);
  }, 180_000);
  afterAll(() => sut.close());

  it('is where the Committee lands after login', async () => {
    const browser = sut.browser();
    const landing = await browser.submit('/en/login', 'form#login', {
      username: 'dash.committee',
      password: TEST_PASSWORD,
    });
    expect(landing.location).toBe('/en/dashboard');
  });

  it('shows the figures the API gives for the same period and cut-off: 365 of 534 replied in 2017', async () => {
    const api = (await sut.get(`/statistics?${PERIOD_2017}`, { token: committeeToken })).body;
    const page = await committee.get(`/en/dashboard?${PERIOD_2017}`);

    expect(page.status).toBe(200);
    expect(valueOf(page, 'letters-sent')).toBe(String(api.letters.sent.value));
    expect(valueOf(page, 'letters-sent')).toBe('534');
    expect(valueOf(page, 'letters-replied')).toBe('365 of 534 (68%)');
    expect(api.replies.replyRate).toMatchObject({ numerator: 365, denominator: 534, percent: 68 });
    expect(valueOf(page, 'states-reached')).toContain(String(api.letters.statesAddressed));
    expect(valueOf(page, 'other-recipients-reached')).toBe(String(api.letters.otherRecipients));
    expect(valueOf(page, 'joint-letters')).toBe(`${api.letters.joint.value} (${api.letters.jointShare.percent}%)`);
    expect(valueOf(page, 'replies-received')).toBe(String(api.replies.received.value));
    expect(valueOf(page, 'replies-to-earlier-letters')).toBe('119');
    expect(valueOf(page, 'letters-followed-up')).toBe(String(api.letters.followedUp.value));
    expect(valueOf(page, 'visits-carried-out')).toBe(String(api.visits.carriedOut.value));
    expect(page.$('#dashboard-period-text')?.text).toContain('January 31, 2018');

    // The tables add up to the same letters; each chart has its table.
    expect(api.byState.length).toBeGreaterThan(100);
    expect(page.$$('#states tbody tr')).toHaveLength(20);
    const all = await committee.get(page.$('#states-all')?.getAttribute('href') as string);
    expect(all.$$('#states tbody tr')).toHaveLength(api.byState.length);
    expect(all.$('#states-all')).toBeNull();
    expect(page.$$('figure.chart-figure svg[role=img]')).toHaveLength(4);
    expect(page.$$('figure.chart-figure table caption')).toHaveLength(4);
    const year2017 = page.$$('#years tbody tr').find((row) => row.querySelector('th')?.text.trim() === '2017');
    expect(year2017?.querySelectorAll('td').map((cell) => cell.text.trim())).toEqual(['534', '365', '68%', '75%']);
  });

  it('shows the visit requests made and accepted in the period, and lists the visits behind each', async () => {
    const api = (await sut.get(`/statistics?${PERIOD_2017}`, { token: committeeToken })).body;
    expect(api.visits).toMatchObject({
      requested: { value: 3 },
      accepted: { value: 2 },
      carriedOut: { value: 1 },
      requestsPending: { value: 2 },
    });
    const page = await committee.get(`/en/dashboard?${PERIOD_2017}`);
    expect(page.status).toBe(200);
    expect(valueOf(page, 'visit-requests-made')).toBe('3');
    expect(valueOf(page, 'visit-requests-accepted')).toBe('2');
    expect(valueOf(page, 'visits-carried-out')).toBe('1');
    const chart = page.$('#chart-visits-table-caption')?.parentNode;
    const chartRows = chart
      ?.querySelectorAll('tbody tr')
      .map((row) => row.querySelectorAll('th, td').map((cell) => cell.text.trim()));
    expect(chartRows?.slice(0, 3)).toEqual([
      ['Visit requests made', '3'],
      ['Visit requests accepted', '2'],
      ['Country visits carried out', '1'],
    ]);

    const listed = async (id: string) => {
      const href = page.$(`#figure-${id} a:not([download])`)?.getAttribute('href') as string;
      expect(href).toMatch(new RegExp(`^/en/dashboard/visits\\?.*figure=${id}`));
      const rows = await committee.get(href);
      expect(rows.status).toBe(200);
      return rows.$$('#rows tbody tr').map((row) => row.text);
    };
    const made = await listed('visit-requests-made');
    expect(made).toHaveLength(3);
    expect(made.map((row) => ['Mexico', 'China', 'United States'].filter((name) => row.includes(name)))).toEqual([
      ['Mexico'],
      ['China'],
      ['United States'],
    ]);
    const accepted = await listed('visit-requests-accepted');
    expect(accepted).toHaveLength(2);
    expect(accepted[0]).toContain('Brazil');
    expect(accepted[1]).toContain('Mexico');

    const csv = await committee.get(
      page.$('#figure-visit-requests-accepted a[download]')?.getAttribute('href') as string,
    );
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\n')).toHaveLength(3);

    const compare = await committee.get(
      '/en/dashboard/compare?first=2016&second=2017&cutoff-day=31&cutoff-month=1&cutoff-year=2018',
    );
    const cells = (label: string) =>
      compare
        .$$('#comparison tbody tr')
        .find((row) => row.querySelector('th')?.text.trim() === label)
        ?.querySelectorAll('td')
        .map((cell) => cell.text.trim());
    expect(cells('Visit requests made')).toEqual(['1', '3']);
    expect(cells('Visit requests accepted')).toEqual(['0', '2']);
  });

  it('reads the same figures from the day, month and year fields', async () => {
    const page = await committee.get(
      '/en/dashboard?cutoff-day=31&cutoff-month=1&cutoff-year=2018&from-day=1&from-month=1&from-year=2017&to-day=31&to-month=12&to-year=2017',
    );
    expect(page.status).toBe(200);
    expect(valueOf(page, 'letters-replied')).toBe('365 of 534 (68%)');
    expect(page.$('#cutoff-day')?.getAttribute('value')).toBe('31');
  });

  it('answers 422 with the error summary for an impossible date, and keeps what was typed', async () => {
    const page = await committee.get('/en/dashboard?cutoff-day=31&cutoff-month=2&cutoff-year=2018');
    expect(page.status).toBe(422);
    const summary = page.$('div.error-summary');
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#cutoff-day');
    expect(summary?.text).toContain('Enter a real cut-off date');
    expect(page.$('#cutoff-day')?.getAttribute('value')).toBe('31');
    expect(page.$('#cutoff-month')?.getAttribute('value')).toBe('2');
    expect(page.$('#cutoff-error')).not.toBeNull();
    expect(page.$('#figure-letters-sent')).toBeNull();

    const future = await committee.get('/en/dashboard?cutoff=2030-01-01');
    expect(future.status).toBe(422);
    expect(future.$('div.error-summary')?.text).toContain('today or in the past');
    const backwards = await committee.get('/en/dashboard?cutoff=2018-01-31&from=2017-12-31&to=2017-01-01');
    expect(backwards.status).toBe(422);
    expect(backwards.$('div.error-summary a')?.getAttribute('href')).toBe('#to-day');
  });

  it('lists the letters behind a figure, 50 a page, the same as its CSV', async () => {
    const dashboard = await committee.get(`/en/dashboard?${PERIOD_2017}`);
    const drill = dashboard.$('#figure-letters-replied a:not([download])')?.getAttribute('href') as string;
    expect(drill).toMatch(/^\/en\/dashboard\/letters\?/);

    const first = await committee.get(drill);
    expect(first.status).toBe(200);
    expect(first.$('#rows-count')?.text).toBe('365 rows');
    expect(first.$$('#rows tbody tr')).toHaveLength(50);
    const next = first.$('nav.pagination a[rel=next]')?.getAttribute('href') as string;
    expect(next).toContain('page=2');
    const last = await committee.get(next.replace('page=2', 'page=8'));
    expect(last.$$('#rows tbody tr')).toHaveLength(15);
    expect(last.$('nav.pagination a[rel=next]')).toBeNull();

    const csvHref = first.$('#rows-csv')?.getAttribute('href') as string;
    const csv = await committee.get(csvHref);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="letters-replied_2017-01-01_2017-12-31/);
    const api = (await sut.get(`/statistics?${PERIOD_2017}`, { token: committeeToken })).body;
    const fromApi = await sut.get(api.replies.lettersReplied.csv, { token: committeeToken });
    expect(csv.text).toBe(fromApi.body);
    expect(csv.text.trim().split('\r\n')).toHaveLength(366);
    // The page shows the rows of the CSV, in its order: the first reference is the first line's.
    const firstReference = csv.text.split('\r\n')[1]!.split(',')[0];
    expect(first.$('#rows tbody tr th')?.text.trim()).toBe(firstReference);
  });

  it('narrows a breakdown cell to its letters: one State', async () => {
    const api = (await sut.get(`/statistics?${PERIOD_2017}`, { token: committeeToken })).body;
    const page = await committee.get(`/en/dashboard?${PERIOD_2017}`);
    const stateLink = page.$('#states tbody tr td a')?.getAttribute('href') as string;
    expect(stateLink).toContain('state=');
    const rows = await committee.get(stateLink);
    expect(rows.$('#rows-count')?.text).toBe(`${api.byState[0].letters} rows`);
  });

  it('sorts the tables from their headers, marked with aria-sort', async () => {
    const page = await committee.get(`/en/dashboard?${PERIOD_2017}&sort=states.letters&order=ascending`);
    const header = page.$$('#states thead th').find((th) => th.getAttribute('aria-sort') === 'ascending');
    expect(header?.text.trim()).toBe('Letters');
    const counts = page.$$('#states tbody tr').map((row) => Number(row.querySelectorAll('td')[0]!.text.trim()));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(header?.querySelector('a')?.getAttribute('href')).toContain('sort=states.letters&order=descending');
  });

  it('shows two years side by side', async () => {
    const page = await committee.get(
      '/en/dashboard/compare?first=2016&second=2017&cutoff-day=31&cutoff-month=1&cutoff-year=2018',
    );
    expect(page.status).toBe(200);
    const sent = page.$$('#comparison tbody tr').find((row) => row.querySelector('th')?.text.trim() === 'Letters sent');
    expect(sent?.querySelectorAll('td').map((cell) => cell.text.trim())).toEqual(['119', '534']);
    expect(sent?.querySelectorAll('td a')[1]?.getAttribute('href')).toContain('from=2017-01-01');
    const bad = await committee.get('/en/dashboard/compare?first=17&second=2017');
    expect(bad.status).toBe(422);
    expect(bad.$('div.error-summary a')?.getAttribute('href')).toBe('#first');
  });

  it('shows nothing confidential: no text, victim, confidential reply, reference or recipient of an unpublished letter', async () => {
    const api = (await sut.get('/statistics?cutoff=2026-03-02', { token: committeeToken })).body;
    expect(api.letters.sent.value).toBe(1);
    const dashboard = await committee.get('/en/dashboard?cutoff=2026-03-02');
    expect(valueOf(dashboard, 'letters-sent')).toBe('1');
    const links = dashboard.$$('#main a').map((a) => a.getAttribute('href') as string);
    const drills = [...new Set(links.filter((href) => href.startsWith('/en/dashboard/')))];
    expect(drills.length).toBeGreaterThan(10);
    const rowPages = await Promise.all(drills.map((href) => committee.get(href)));
    for (const page of [dashboard, ...rowPages]) {
      expect(page.status).toBe(200);
      for (const secret of [SECRET_SUBJECT, SECRET_VICTIM, SECRET_REPLY, secretReference]) {
        expect(page.text).not.toContain(secret);
      }
    }
    // The counts per State are the API's; the rows behind them do not name the recipient before publication.
    for (const page of rowPages) {
      expect(page.text).not.toContain('Iran');
    }
    const rows = await committee.get(
      '/en/dashboard/letters?figure=letters-sent&from=2026-01-01&to=2026-12-31&cutoff=2026-03-02',
    );
    expect(rows.$$('#rows tbody tr')).toHaveLength(1);
    expect(rows.$('#rows tbody tr th')?.text).toMatch(/^unpublished-[0-9a-f]{12}$/);
    expect(rows.text).toContain('Withheld until publication');
  });

  it('is the 404 page for every other role, and the login form for nobody', async () => {
    const missing = await committee.get('/en/no-such-page');
    expect(missing.status).toBe(404);
    for (const username of ['dash.assistant', 'dash.holder', 'dash.government']) {
      const browser = sut.browser();
      await browser.login(username, TEST_PASSWORD);
      for (const path of [
        `/en/dashboard?${PERIOD_2017}`,
        '/en/dashboard/compare?first=2016&second=2017',
        `/en/dashboard/letters?figure=letters-sent&${PERIOD_2017}`,
        `/en/dashboard/visits?figure=visits-carried-out&${PERIOD_2017}`,
        `/en/dashboard/visits?figure=visit-requests-accepted&${PERIOD_2017}`,
        `/en/dashboard/figures/letters-sent.csv?${PERIOD_2017}`,
        `/en/dashboard/figures/visit-requests-made.csv?${PERIOD_2017}`,
      ]) {
        const page = await browser.get(path);
        expect({ username, path, status: page.status }).toEqual({ username, path, status: 404 });
        expect(page.$('h1')?.text).toBe(missing.$('h1')?.text);
        expect(page.text).not.toContain('534');
        expect(page.text).not.toContain('Brazil');
      }
    }
    const anonymous = await sut.browser().get(`/en/dashboard?${PERIOD_2017}`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/en\/login\?next=/);
  });

  it('opens for administrators, as the API does', async () => {
    const admin = sut.browser();
    await admin.login('dash.admin', TEST_PASSWORD);
    const page = await admin.get(`/en/dashboard?${PERIOD_2017}`);
    expect(page.status).toBe(200);
    expect(valueOf(page, 'letters-replied')).toBe('365 of 534 (68%)');
  });

  it('answers 404 for an unknown figure or a filter that does not parse', async () => {
    for (const path of [
      `/en/dashboard/letters?figure=nothing&${PERIOD_2017}`,
      `/en/dashboard/letters?figure=visits-carried-out&${PERIOD_2017}`,
      `/en/dashboard/letters?figure=visit-requests-made&${PERIOD_2017}`,
      `/en/dashboard/letters?figure=letters-sent&cutoff=2018-02-30`,
      `/en/dashboard/letters?figure=letters-sent&state=iran`,
      `/en/dashboard/figures/nothing.csv`,
    ]) {
      expect({ path, status: (await committee.get(path)).status }).toEqual({ path, status: 404 });
    }
  });

  it('writes the dashboard in the six languages, Arabic right to left', async () => {
    for (const lang of ['ar', 'zh', 'fr', 'ru', 'es']) {
      const page = await committee.get(`/${lang}/dashboard?${PERIOD_2017}`);
      expect(page.status).toBe(200);
      expect(page.$('html')?.getAttribute('lang')).toBe(lang);
      expect(page.text).not.toMatch(/dashboard\.[a-z]+\.[a-zA-Z.-]+/);
    }
    const arabic = await committee.get(`/ar/dashboard?${PERIOD_2017}`);
    expect(arabic.$('html')?.getAttribute('dir')).toBe('rtl');
  });
});
