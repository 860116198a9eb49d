import { Browser } from 'playwright-core';
import { launchBrowser, openSession } from './support/browser';
import { GlyphCheck, checkCjkGlyphs, fontconfigWithoutNoto } from './support/glyphs';
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
      const checks: Record<string, GlyphCheck> = {};
      for (const [which, instance] of [
        ['without Noto', bare],
        ['with Noto', browser],
      ] as const) {
        const session = await openSession(instance);
        await session.page.route(`${site.origin}/cjk-probe`, (route) =>
          route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: CJK_PROBE }),
        );
        await session.page.goto(`${site.origin}/cjk-probe`);
        checks[which] = await checkCjkGlyphs(session.page, 'h1');
        await session.close();
      }
      const without = checks['without Noto'];
      expect(without.characters.length).toBeGreaterThanOrEqual(8);
      expect(without.alike.flat().length + without.blank.length).toBeGreaterThan(without.characters.length / 2);
      expect(checks['with Noto']).toMatchObject({ characters: without.characters, blank: [], alike: [] });
    } finally {
      await bare.close();
    }
  });

  it('writes the Arabic pages right to left on the computed layout', async () => {
    const session = await openSession(browser, { viewport: { width: 1280, height: 800 } });
    try {
      for (const path of [
        '/ar/',
        `/ar/communications?q=${encodeURIComponent('المدافعين')}`,
        `/ar/communications/${site.letters.joint.slug}`,
      ]) {
        const response = await session.page.goto(`${site.origin}${path}`);
        expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
        const layout = await session.page.evaluate(() => {
          const { document, getComputedStyle } = globalThis as any;
          const box = (selector: string) => {
            const rect = document.querySelector(selector).getBoundingClientRect();
            return { left: rect.left, right: rect.right };
          };
          // Where the heading's words are within its block: at the right of it when right to left.
          const heading = document.querySelector('main h1');
          const range = document.createRange();
          range.selectNodeContents(heading);
          const block = heading.getBoundingClientRect();
          const words = range.getBoundingClientRect();
          return {
            html: getComputedStyle(document.documentElement).direction,
            main: getComputedStyle(document.querySelector('main')).direction,
            headingGaps: { start: block.right - words.right, end: words.left - block.left },
            firstLanguage: box('nav.language-switcher a'),
            lastLanguage: box('nav.language-switcher li:last-child a'),
          };
        });
        expect({ path, html: layout.html, main: layout.main }).toEqual({ path, html: 'rtl', main: 'rtl' });
        // The heading's words hug the right of its block and leave the room at its left.
        expect(layout.headingGaps.start).toBeLessThan(layout.headingGaps.end);
        // The language switcher runs from right to left: its first entry is right of its last.
        expect(layout.firstLanguage.left).toBeGreaterThan(layout.lastLanguage.left);
      }
      // An English page, for contrast, runs left to right on the same measures.
      await session.page.goto(`${site.origin}/en/`);
      const english = await session.page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as any;
        return {
          direction: getComputedStyle(document.documentElement).direction,
          first: document.querySelector('nav.language-switcher a').getBoundingClientRect().left,
          last: document.querySelector('nav.language-switcher li:last-child a').getBoundingClientRect().left,
        };
      });
      expect(english.direction).toBe('ltr');
      expect(english.first).toBeLessThan(english.last);
    } finally {
      await session.close();
    }
  });

  it('shows no missing-glyph box on the Chinese pages', async () => {
    const session = await openSession(browser);
    try {
      for (const [path, selectors] of [
        ['/zh/', ['main h1', 'nav.site-nav', 'main']],
        // The letter's heading is its reference; its labels, and its reply in Chinese, are not.
        [`/zh/communications/${site.letters.chinese.slug}`, ['nav.site-nav', 'main', 'main [lang="zh"]']],
      ] as const) {
        const response = await session.page.goto(`${site.origin}${path}`);
        expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
        for (const selector of selectors) {
          const check = await checkCjkGlyphs(session.page, selector);
          expect({
            path,
            selector,
            enough: check.characters.length >= 4,
            blank: check.blank,
            alike: check.alike,
          }).toEqual({
            path,
            selector,
            enough: true,
            blank: [],
            alike: [],
          });
        }
      }
    } finally {
      await session.close();
    }
  });
});
