import { Browser } from 'playwright-core';
import { launchBrowser, openSession } from './support/browser';
import { checkCjkGlyphs, fontconfigWithoutNoto } from './support/glyphs';
import { BrowserSite, startSite } from './support/site';

/** Chinese text in the site's own style (system fonts only), for the check's proof. */
const CJK_PROBE =
  '<!doctype html><html lang="zh"><meta charset="utf-8"><title>探针</title><link rel="stylesheet" href="/assets/site.css"><main id="main"><h1>检索特别程序的来函</h1></main></html>';

describe('languages in the browser', () => {
  let site: BrowserSite;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('the glyph check finds the missing-glyph boxes when the CJK fonts are not there', async () => {
    const bare = await launchBrowser({ env: { ...process.env, FONTCONFIG_FILE: fontconfigWithoutNoto() } });
    try {
      for (const [which, instance] of [
        ['without Noto', bare],
        ['with Noto', browser],
      ] as const) {
        const session = await openSession(instance);
        await session.page.route(`${site.origin}/cjk-probe`, (route) =>
          route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: CJK_PROBE }),
        );
        await session.page.goto(`${site.origin}/cjk-probe`);
        const check = await checkCjkGlyphs(session.page, 'h1');
        await session.close();
        expect(check.characters.length).toBeGreaterThanOrEqual(8);
        if (which === 'without Noto') {
          expect(check.alike.flat().length + check.blank.length).toBeGreaterThan(check.characters.length / 2);
        } else {
          expect(check).toMatchObject({ blank: [], alike: [] });
        }
      }
    } finally {
      await bare.close();
    }
  });
});
