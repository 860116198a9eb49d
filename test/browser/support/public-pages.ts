import { Page } from 'playwright-core';
import { fillIntake } from './intake';
import { BrowserSite, Language } from './site';

/** A state of a public page: how to reach it, and the HTTP status its document answers with. */
export interface PageState {
  name: string;
  /** Goes there from a fresh page, the way a person would (a form posted by its button, not forged). */
  open(page: Page, site: BrowserSite, language: Language): Promise<number>;
}

const visit = (path: (site: BrowserSite) => string) => async (page: Page, site: BrowserSite, language: Language) => {
  const response = await page.goto(`${site.origin}/${language}${path(site)}`);
  return response?.status() ?? 0;
};

/** Submits the form holding `button` by clicking it, and answers the status of the page that comes back. */
async function submitWith(page: Page, button: string): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.locator(button).first().click()]);
  return response?.status() ?? 0;
}

/** Every public page of the site, with its error and empty states. */
export const PUBLIC_PAGES: PageState[] = [
  { name: 'home', open: visit(() => '/') },
  { name: 'search with results', open: visit(() => '/communications?q=journalists') },
  { name: 'search with no result', open: visit(() => '/communications?q=Xylophonists') },
  {
    name: 'search with a filter error',
    open: visit(() => '/communications?q=journalists&from-day=31&from-month=2&from-year=2025&type=XX'),
  },
  { name: 'letter', open: visit((site) => `/communications/${site.letters.joint.slug}`) },
  { name: 'letter, print view', open: visit((site) => `/communications/${site.letters.joint.slug}?print=1`) },
  { name: 'reports', open: visit(() => '/reports') },
  { name: 'visits', open: visit(() => '/visits') },
  { name: 'statistics', open: visit(() => '/statistics') },
  { name: 'submit', open: visit(() => '/submit') },
  {
    name: 'submit with errors',
    open: async (page, site, language) => {
      await visit(() => '/submit')(page, site, language);
      return submitWith(page, 'main form button.button[type=submit][value=send]');
    },
  },
  {
    name: 'submit done',
    open: async (page, site, language) => {
      await visit(() => '/submit')(page, site, language);
      await fillIntake(page);
      return submitWith(page, 'main form button.button[type=submit][value=send]');
    },
  },
  { name: 'login', open: visit(() => '/login') },
  {
    name: 'login error',
    open: async (page, site, language) => {
      await visit(() => '/login')(page, site, language);
      await page.locator('form#login [name=username]').fill(site.user.username);
      await page.locator('form#login [name=password]').fill('not the password');
      return submitWith(page, 'form#login button');
    },
  },
  { name: 'page not found', open: visit(() => '/no-such-page') },
];

/** The status each state answers with: the error states re-render with 4xx, the rest are 200. */
export const EXPECTED_STATUS: Record<string, number> = {
  'search with a filter error': 422,
  'submit with errors': 422,
  'login error': 422,
  'page not found': 404,
};
