import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { LetterSenders, publishLetter } from '../support/publication';
import { WebTestApp, createWebTestApp } from '../support/web';

/**
 * Facets are estimated from the sample of the projection when it shows more than
 * SEARCH_FACETS_EXACT_LIMIT matches: the API says so (`estimated`), the search page says "about" and
 * explains. Here the limit is two letters, so that three published letters are "many", and the sample
 * holds every letter (all 1,024 buckets), so that what it shows does not depend on the letters' ids.
 */
describe('web: estimated facet counts', () => {
  let sut: WebTestApp;
  const clock = new TestClock('2025-01-10T10:00:00Z');

  beforeAll(async () => {
    sut = await createWebTestApp({
      clock,
      env: {
        SEARCH_FACETS_EXACT_LIMIT: '2',
        PUBLIC_RATE_LIMIT: '1000',
        TOKEN_TTL_HOURS: '1000000',
      },
    });
    await sut.dataSource().query('UPDATE published_communication_sample_share SET buckets = 1024');
    const senders: LetterSenders = {
      assistant: (
        await sut.createUser({ username: 'assistant', role: Role.Assistant, mandates: ['EXPRESSION', 'DEFENDERS'] })
      ).token,
      srExpression: (
        await sut.createUser({ username: 'sr.expression', role: Role.MandateHolder, mandates: ['EXPRESSION'] })
      ).token,
      srDefenders: (
        await sut.createUser({ username: 'sr.defenders', role: Role.MandateHolder, mandates: ['DEFENDERS'] })
      ).token,
    };
    for (const [index, subject] of [
      'Arrest of a blogger',
      'Detention of a journalist',
      'Closure of a newspaper',
    ].entries()) {
      await publishLetter(sut, clock, senders, {
        sentAt: `2025-0${index + 1}-10T10:00:00Z`,
        body: { subject, type: index === 0 ? 'UA' : 'AL' },
      });
    }
  });

  afterAll(() => sut.close());

  it('counts every match while the sample shows at most the limit', async () => {
    const facets = await sut.get('/public/communications/facets?type=UA');
    expect(facets.body).toMatchObject({ total: 1, estimated: false, type: [{ value: 'UA', count: 1 }] });

    const page = await sut.browser().get('/en/communications?type=UA');
    expect(page.$('.result-count')!.text).toBe('1 letter found');
    expect(page.$('#estimated-note')).toBeNull();
  });

  it('estimates beyond it, and the page says so', async () => {
    const facets = await sut.get('/public/communications/facets');
    expect(facets.status).toBe(200);
    expect(facets.body).toMatchObject({
      total: 3,
      estimated: true,
      type: [
        { value: 'AL', count: 2 },
        { value: 'UA', count: 1 },
      ],
    });

    const english = await sut.browser().get('/en/communications');
    expect(english.$('.result-count')!.text).toBe('About 3 letters found');
    expect(english.$('#estimated-note')!.text).toContain('estimated from a sample');
    const french = await sut.browser().get('/fr/communications');
    expect(french.$('.result-count')!.text).toMatch(/^Environ /);
  });
});
