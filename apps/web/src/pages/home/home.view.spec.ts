import { Catalogue } from '../../i18n/catalogue';
import { buildPageContext } from '../../render/page-context';
import { homeView } from './home.view';

describe('the home page view', () => {
  const catalogue = new Catalogue();
  const hit = {
    reference: 'UA IRN 5/2023',
    url: '/public/communications/UA-IRN-5-2023',
    type: 'UA',
    language: 'en',
    recipient: { code: 'IRN', name: 'Iran (Islamic Republic of)', kind: 'state' },
    mandates: [],
    joint: false,
    sentOn: '2023-03-02',
    publicFrom: '2023-05-01',
    subject: 'Arrest of a journalist',
    themes: [],
    replyStatus: 'none',
    replyCount: 0,
    lastReplyOn: null,
    snippet: null,
    rank: null,
  };
  const page = JSON.stringify({ items: [hit], nextCursor: null, sort: 'date' });

  it('links each letter to its page in the page language, its subject in the letter language', () => {
    const context = buildPageContext({ catalogue, lang: 'fr', path: '/', csrf: '', user: null });

    expect(homeView(page, context).latest).toEqual([
      {
        reference: 'UA IRN 5/2023',
        href: '/fr/communications/UA-IRN-5-2023',
        subject: 'Arrest of a journalist',
        language: 'en',
        recipient: 'Iran',
        sentOn: '2 mars 2023',
        sentOnIso: '2023-03-02',
        type: 'Appel urgent',
      },
    ]);
  });

  it('names the State and writes the date in Arabic with the digits of UN Arabic documents', () => {
    const context = buildPageContext({ catalogue, lang: 'ar', path: '/', csrf: '', user: null });
    const [letter] = homeView(page, context).latest;

    expect(letter!.recipient).toBe('إيران');
    expect(letter!.sentOn).toContain('2023');
    expect(letter!.type).toBe('نداء عاجل');
  });
});
