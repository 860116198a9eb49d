/**
 * npm run screenshots — the home, search and letter pages in English and Arabic, as Debian's Chromium
 * draws them, into docs/screenshots/{home,search,letter}-{en,ar}.png. The site runs as in the browser
 * tests (test/browser/support/site.ts): its own database, letters published through the real services.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import globalSetup from '../../libs/testing/src/global-setup';
import globalTeardown from '../../libs/testing/src/global-teardown';
import { launchBrowser } from './support/browser';
import { startSite } from './support/site';

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await globalSetup();
  try {
    const site = await startSite();
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const pages: Array<[string, string]> = [
        ['home', '/'],
        ['search', '/communications?q=journalists'],
        ['letter', `/communications/${site.letters.joint.slug}`],
      ];
      for (const language of ['en', 'ar']) {
        for (const [name, path] of pages) {
          const response = await page.goto(`${site.origin}/${language}${path}`);
          if (response?.status() !== 200) {
            throw new Error(`${language}${path} answered ${response?.status()}`);
          }
          const file = join(OUT, `${name}-${language}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(`wrote ${file}`);
        }
      }
      await context.close();
    } finally {
      await browser.close();
      await site.close();
    }
  } finally {
    await globalTeardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
