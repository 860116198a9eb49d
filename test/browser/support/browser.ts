import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, BrowserContextOptions, LaunchOptions, Page, chromium } from 'playwright-core';

/** Debian's Chromium, installed by scripts/ensure-browser.sh: never a browser downloaded by a package. */
export const CHROMIUM = '/usr/bin/chromium';

/** What lets Chromium start quickly and quietly on a machine with no network but the loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, ...options });
}

/** A Content-Security-Policy violation as the browser reported it, with the page it happened on. */
export interface CspViolation {
  url: string;
  report: string;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every CSP violation reported in this context so far (by the init script, or by Chromium's own console error). */
  cspViolations: CspViolation[];
  /** Messages of the page's console at level error (other than CSP reports) and uncaught page errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * A new context (axe needs one made by browser.newContext()) and page, with the CSP collector loaded
 * before any script of the page and the console watched. `javaScriptEnabled: false` switches the
 * page's own scripts off; Chromium still reports CSP violations on the console then.
 */
export async function openSession(browser: Browser, options: BrowserContextOptions = {}): Promise<Session> {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  await context.addInitScript({ path: join(__dirname, 'csp-collector.js') });
  const page = await context.newPage();
  const cspViolations: CspViolation[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('securitypolicyviolation ') || /Content Security Policy/i.test(text)) {
      cspViolations.push({ url: page.url(), report: text });
    } else if (
      message.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of (4\d\d)/.test(text)
    ) {
      pageErrors.push(`${page.url()}: ${text}`);
    }
  });
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return { context, page, cspViolations, pageErrors, close: () => context.close() };
}

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page as it is; answers a readable list of the violations, empty when there are none. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, 5)
      .map((node) => `      ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''}`)
      .join('\n');
    const more = violation.nodes.length > 5 ? `\n      … and ${violation.nodes.length - 5} more` : '';
    return `  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}${more}`;
  });
}

/** Fails with the list of axe's violations on the page, named by `label`. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} violation(s) on ${label} (${page.url()}):\n${violations.join('\n')}`,
    );
  }
}

/** What the focused element is, how it shows its focus, and where it is in the document's order. */
export interface Focused {
  description: string;
  /** The element's index among all elements of the document, in document order. */
  order: number;
  /** Its focus indicator: the computed outline or box-shadow, or null when it shows none. */
  indicator: string | null;
  inViewport: boolean;
}

export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    // The browser's globals (the project's type check knows no DOM).
    const { document, getComputedStyle, innerHeight, innerWidth } = globalThis as any;
    const element = document.activeElement;
    if (!element || element === document.body) {
      return null;
    }
    const style = getComputedStyle(element);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
        : null;
    const shadow = style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : null;
    const box = element.getBoundingClientRect();
    const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ');
    return {
      description: `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${
        element.getAttribute('name') ? ` name=${element.getAttribute('name')}` : ''
      }${element.getAttribute('href') ? ` href=${element.getAttribute('href')}` : ''}> ${text.slice(0, 40)}`,
      order: Array.prototype.indexOf.call(document.getElementsByTagName('*'), element),
      indicator: outline ?? shadow,
      inViewport: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth && box.width > 0,
    };
  });
}

/**
 * Presses Tab until `matches` holds for the focused element (at most `limit` presses). Every element
 * focused on the way must show a focus indicator and lie in the viewport, and each must come after the
 * one before in document order (focus moves forward, never jumps back). Answers the path taken.
 */
export async function tabUntil(
  page: Page,
  matches: (selector: string) => Promise<boolean>,
  target: string,
  limit = 60,
  wrap = false,
): Promise<Focused[]> {
  let path: Focused[] = [];
  let wrapped = false;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now && wrap && !wrapped) {
      // Past the last element, focus leaves the document once, then starts again at its top.
      wrapped = true;
      path = [];
      continue;
    }
    if (!now) {
      throw new Error(`focus left the page after ${path.map((step) => step.description).join(' → ')}`);
    }
    if (!now.indicator) {
      throw new Error(`${now.description} has focus but shows no focus indicator (outline and box-shadow none)`);
    }
    if (!now.inViewport) {
      throw new Error(`${now.description} has focus but is outside the viewport`);
    }
    const previous = path[path.length - 1];
    if (previous && now.order <= previous.order) {
      throw new Error(`focus moved back from ${previous.description} to ${now.description}`);
    }
    path.push(now);
    if (await matches(target)) {
      return path;
    }
  }
  throw new Error(
    `${target} never took focus in ${limit} presses of Tab: ${path.map((s) => s.description).join(' → ')}`,
  );
}

/**
 * Tab until the element matching `selector` (a CSS selector) has focus; see tabUntil. With `wrap`,
 * focus may run past the end of the page and start again at its top (once).
 */
export function tabTo(page: Page, selector: string, limit = 60, wrap = false): Promise<Focused[]> {
  return tabUntil(
    page,
    (target) =>
      page
        .locator(target)
        .first()
        .evaluate((element) => element === (globalThis as any).document.activeElement),
    selector,
    limit,
    wrap,
  );
}

/** Waits until `condition` holds for what the browser reported asynchronously (console events), at most `ms`. */
export async function until(condition: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}
