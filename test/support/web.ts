import { randomBytes } from 'node:crypto';
import { HTMLElement, parse } from 'node-html-parser';
import { Type } from '@nestjs/common';
import { Role } from '@spcomms/access';
import { TestClock } from '@spcomms/testing';
import { WebModule } from '../../apps/web/src/web.module';
import { TEST_PASSWORD, TestApp, createTestApp } from './test-app';

export { TEST_PASSWORD } from './test-app';

/** A page as the tests read it: status, headers, the HTML text and its parsed document. */
export interface PageAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed document: `page.$('#main')`, `page.$$('a')`. */
  document: HTMLElement;
  $(selector: string): HTMLElement | null;
  $$(selector: string): HTMLElement[];
  /** Where a redirect points, if it is one. */
  location: string | undefined;
}

/** Masks a CSRF token as the site's forms carry it (random mask, then mask XOR token). */
export function maskCsrf(token: string): string {
  const secret = Buffer.from(token, 'base64url');
  const mask = randomBytes(secret.length);
  return Buffer.concat([mask, Buffer.from(secret.map((byte, index) => byte ^ mask[index]!))]).toString('base64url');
}

/** Parses HTML with node-html-parser (selectors: tag, #id, .class, [attr=value], descendants). */
export function parseHtml(text: string): HTMLElement {
  return parse(text, { comment: false, blockTextElements: { script: true, style: true, pre: true, textarea: true } });
}

function pageAnswer(status: number, headers: Record<string, string | string[] | undefined>, text: string): PageAnswer {
  const document = parseHtml(text);
  return {
    status,
    headers,
    text,
    document,
    $: (selector) => document.querySelector(selector),
    $$: (selector) => document.querySelectorAll(selector),
    location: typeof headers.location === 'string' ? headers.location : undefined,
  };
}

/**
 * A browser without a browser: keeps the cookies the site sets (session, CSRF, language), sends them
 * back, and posts forms the way a browser does (urlencoded, with the form's hidden `_csrf` field).
 */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly sut: TestApp,
    private readonly options: { ip?: string; acceptLanguage?: string } = {},
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { accept: 'text/html', ...extra };
    if (this.options.acceptLanguage) {
      headers['accept-language'] = this.options.acceptLanguage;
    }
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
    }
    return headers;
  }

  private keep(setCookie: string | string[] | undefined): void {
    for (const line of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = decodeURIComponent(pair!.slice(at + 1).trim());
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<PageAnswer> {
    const response = await this.sut.app.inject({
      method,
      url,
      headers: this.headers({
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      }),
      remoteAddress: this.options.ip ?? '127.0.0.1',
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    const answerHeaders = response.headers as Record<string, string | string[] | undefined>;
    this.keep(answerHeaders['set-cookie']);
    return pageAnswer(response.statusCode, answerHeaders, response.body);
  }

  get(url: string, headers?: Record<string, string>): Promise<PageAnswer> {
    return this.request('GET', url, undefined, headers);
  }

  /** Posts fields as a form, without adding anything (a forged form, or one without its token). */
  postRaw(url: string, form: Record<string, string>): Promise<PageAnswer> {
    return this.request('POST', url, form);
  }

  /** Posts a form with the CSRF token the site gave this browser, as a form of the site would. */
  post(url: string, form: Record<string, string> = {}): Promise<PageAnswer> {
    const csrf = this.cookies.get('spcomms_csrf');
    if (!csrf) {
      throw new Error('No CSRF cookie yet: open a page of the site first');
    }
    return this.request('POST', url, { _csrf: maskCsrf(csrf), ...form });
  }

  /**
   * Opens the page, fills the form found by `selector` with its own fields (hidden ones included)
   * overridden by `fields`, and posts it to the form's action.
   */
  async submit(url: string, selector: string, fields: Record<string, string>): Promise<PageAnswer> {
    const page = await this.get(url);
    const form = page.$(selector);
    if (!form) {
      throw new Error(`No form ${selector} on ${url} (status ${page.status})`);
    }
    const values: Record<string, string> = {};
    for (const input of form.querySelectorAll('input, textarea, select')) {
      const name = input.getAttribute('name');
      const type = input.getAttribute('type');
      if (!name || ((type === 'checkbox' || type === 'radio') && input.getAttribute('checked') === undefined)) {
        continue;
      }
      values[name] = input.tagName === 'TEXTAREA' ? input.text : (input.getAttribute('value') ?? '');
    }
    return this.request('POST', form.getAttribute('action') ?? url, { ...values, ...fields });
  }

  /** Logs in through the login form; answers the page it lands on after the redirect. */
  async login(username: string, password: string, lang = 'en'): Promise<PageAnswer> {
    const answer = await this.submit(`/${lang}/login`, 'form#login', { username, password });
    if (answer.status !== 303 || !answer.location) {
      throw new Error(`login of ${username} failed: ${answer.status}`);
    }
    return this.get(answer.location);
  }
}

/** The whole application (API and site), as in production, with a browser-like client. */
export interface WebTestApp extends TestApp {
  browser(options?: { ip?: string; acceptLanguage?: string }): Browser;
}

export async function createWebTestApp(
  options: {
    env?: Record<string, string>;
    clock?: TestClock;
    /** Page controllers that exist only for the test (they may use WebModule's guard and Pages). */
    pages?: Type[];
  } = {},
): Promise<WebTestApp> {
  const sut = await createTestApp({
    env: options.env,
    clock: options.clock,
    extra: options.pages ? { imports: [WebModule], controllers: options.pages } : undefined,
  });
  return Object.assign(sut, {
    browser: (browserOptions?: { ip?: string; acceptLanguage?: string }) => new Browser(sut, browserOptions),
  });
}

/** A test's users: name, role and scope (mandates or State). */
export type TestUsers = Array<[username: string, role: Role, scope: { mandates?: string[]; stateCode?: string }]>;

/** Makes each user through the real service; answers their bearer tokens by user name. */
export async function createUsers(sut: TestApp, users: TestUsers): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const [username, role, scope] of users) {
    tokens[username] = (await sut.createUser({ username, role, ...scope })).token;
  }
  return tokens;
}

/** A browser of the site, logged in through the login form as `username` with the test password. */
export async function loggedInBrowser(sut: WebTestApp, username: string): Promise<Browser> {
  const browser = sut.browser();
  await browser.login(username, TEST_PASSWORD);
  return browser;
}
