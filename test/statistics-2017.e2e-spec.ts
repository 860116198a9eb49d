import { Role } from '@spcomms/access';
import { loadStatistics2017 } from './support/statistics-2017';
import { TestApp, createTestApp } from './support/test-app';

/**
 * The 2017 figures of the domain (S): 534 letters to 117 States and 25 non-State actors, naming 1,843
 * individuals of whom 655 women; 365 of them replied as of the cut-off (68%), and the 484 replies
 * received in 2017 are 365 to the year's letters and 119 to earlier ones. The data set has that shape,
 * plus 20 letters whose replies came only after the cut-off.
 */
describe('the 2017 reply-rate arithmetic', () => {
  let sut: TestApp;
  let committee: string;

  beforeAll(async () => {
    sut = await createTestApp();
    committee = (await sut.createUser({ username: 'stats2017.committee', role: Role.Committee })).token;
    await loadStatistics2017(sut.dataSource());
  });
  afterAll(() => sut.close());

  it('finds 365 of 534 letters replied as of the cut-off: 68%', async () => {
    const { status, body } = await sut.get('/statistics?year=2017&cutoff=2018-01-31', { token: committee });

    expect(status).toBe(200);
    expect(body.letters.sent.value).toBe(534);
    expect(body.letters.statesAddressed).toBe(117);
    expect(body.letters.otherRecipients).toBe(25);
    expect(body.letters.individuals.value).toBe(1843);
    expect(body.letters.women.value).toBe(655);
    expect(body.replies.replyRate).toEqual({ value: 0.6835, percent: 68, numerator: 365, denominator: 534 });
    expect(body.replies.received.value).toBe(484);
    expect(body.replies.toPeriodLetters.value).toBe(365);
    expect(body.replies.toEarlierLetters.value).toBe(119);
  });

  it('lists exactly the letters and replies behind those figures', async () => {
    const { body } = await sut.get('/statistics?year=2017&cutoff=2018-01-31', { token: committee });
    const lines = async (path: string) =>
      ((await sut.get(path, { token: committee })).body as string).trim().split('\r\n').length - 1;

    await expect(lines(body.replies.lettersReplied.csv)).resolves.toBe(365);
    await expect(lines(body.replies.lettersNotReplied.csv)).resolves.toBe(169);
    await expect(lines(body.replies.received.csv)).resolves.toBe(484);
    await expect(lines(body.replies.toEarlierLetters.csv)).resolves.toBe(119);
  });

  it('counts the 20 late replies once the cut-off passes their day', async () => {
    const { body } = await sut.get('/statistics?year=2017&cutoff=2018-03-01', { token: committee });
    expect(body.replies.replyRate).toMatchObject({ numerator: 385, denominator: 534, percent: 72 });
  });
});
