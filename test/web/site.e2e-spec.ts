import { WebTestApp, createWebTestApp } from '../support/web';

describe('the site: layout, languages, home, 404', () => {
  let sut: WebTestApp;

  beforeAll(async () => {
    sut = await createWebTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('GET / sends a browser to the home page of the language it prefers, English when none matches', async () => {
    expect((await sut.browser({ acceptLanguage: 'de-CH, fr;q=0.8, en;q=0.5' }).get('/')).location).toBe('/fr/');
    expect((await sut.browser({ acceptLanguage: 'de, it' }).get('/')).location).toBe('/en/');
    const answer = await sut.browser({ acceptLanguage: 'zh-CN' }).get('/');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/zh/');
  });

  it('remembers the language a person chose: GET / then opens it, whatever the browser asks for', async () => {
    const browser = sut.browser({ acceptLanguage: 'en-GB' });
    expect((await browser.get('/')).location).toBe('/en/');

    await browser.get('/ru/');
    expect(browser.cookies.get('lang')).toBe('ru');
    const answer = await browser.get('/');
    expect(answer.location).toBe('/ru/');
    expect(String(answer.headers.vary)).toContain('cookie');

    browser.cookies.set('lang', 'xx');
    expect((await browser.get('/')).location).toBe('/en/');
  });

  it('renders the home page with the layout: skip link, main landmark, language switcher, search form', async () => {
    const page = await sut.browser().get('/en/');

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.$('html')?.getAttribute('lang')).toBe('en');
    expect(page.$('html')?.getAttribute('dir')).toBe('ltr');
    expect(page.$('a.skip-link')?.getAttribute('href')).toBe('#main');
    expect(page.$('main#main')).not.toBeNull();
    const languages = page.$$('nav.language-switcher a');
    expect(languages.map((a) => a.getAttribute('hreflang'))).toEqual(['ar', 'zh', 'en', 'fr', 'ru', 'es']);
    expect(languages.map((a) => a.getAttribute('lang'))).toEqual(['ar', 'zh', 'en', 'fr', 'ru', 'es']);
    expect(languages[0]!.text).toBe('العربية');
    const search = page.$('form#search[role=search]');
    expect(search?.getAttribute('action')).toBe('/en/communications');
    expect(search?.querySelector('input[name=q]')).not.toBeNull();
  });

  it('writes the Arabic pages right to left, in Arabic', async () => {
    const page = await sut.browser().get('/ar/');

    expect(page.$('html')?.getAttribute('dir')).toBe('rtl');
    expect(page.$('html')?.getAttribute('lang')).toBe('ar');
    expect(page.$('h1')?.text).toBe('رسائل الإجراءات الخاصة');
  });

  it('answers a missing page with the 404 page in the language of the address', async () => {
    const page = await sut.browser().get('/fr/no-such-page');

    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.$('html')?.getAttribute('lang')).toBe('fr');
    expect(page.$('h1')?.text).toBe('Page introuvable');
  });

  it('keeps the JSON errors of the API', async () => {
    const answer = await sut.get('/no-such-route');

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ statusCode: 404, code: 'route.not_found' });
  });

  it('sends pages and the stylesheet compressed, within the page budget', async () => {
    const sizes: Record<string, number> = {};
    const encodings: Record<string, unknown> = {};
    for (const url of ['/en/', '/ar/', '/assets/site.css', '/assets/site.js']) {
      const response = await sut.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(response.statusCode).toBe(200);
      sizes[url] = response.rawPayload.length;
      encodings[url] = response.headers['content-encoding'];
    }
    expect(encodings).toMatchObject({ '/en/': 'gzip', '/ar/': 'gzip', '/assets/site.css': 'gzip' });
    // Each public page with its CSS and script: at most 30 KB compressed.
    expect(sizes['/en/']! + sizes['/assets/site.css']! + sizes['/assets/site.js']!).toBeLessThan(30 * 1024);
  });

  it('serves the stylesheet', async () => {
    const answer = await sut.browser().get('/assets/site.css');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(answer.text).toContain('margin-inline');
  });
});
