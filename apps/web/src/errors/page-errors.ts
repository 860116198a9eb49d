import { Injectable, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Catalogue } from '../i18n/catalogue';
import { languageOfPath, negotiateLanguage } from '../i18n/languages';
import { PageContext, buildPageContext } from '../render/page-context';
import { HTML, Pages } from '../render/pages';
import { PageRequest, pathAfterLanguage } from '../session/page-request';
import { WebSessions } from '../session/web-sessions';
import { CsrfRefusedException, LoginNeededException, PageNotFoundException } from './page.exceptions';

/** The status and page of an error on a page address, as the API's filter worked it out. */
export interface PageError {
  statusCode: number;
  errorId?: string;
}

/**
 * The error pages of the site. The API's exception filter asks `handles` for every error; for page
 * addresses (`/`, `/{lang}/…`) it lets this answer in HTML instead of the JSON error shape: the 404
 * page (also for a page a person may not see, and an unauthenticated or forbidden answer of a
 * service), the 403 page of a refused form, a 500 page with the error id, and a short page for the
 * rest.
 */
@Injectable()
export class PageErrors {
  private readonly logger = new Logger('PageErrors');

  constructor(
    private readonly pages: Pages,
    private readonly catalogue: Catalogue,
    private readonly sessions: WebSessions,
  ) {}

  handles(request: FastifyRequest): boolean {
    return request.url === '/' || request.url.startsWith('/?') || languageOfPath(request.url) !== null;
  }

  /** The status a page error answers with, before the API's mapping (null: let the API map it). */
  statusOf(exception: unknown): number | null {
    if (exception instanceof PageNotFoundException) {
      return 404;
    }
    if (exception instanceof CsrfRefusedException) {
      return 403;
    }
    if (exception instanceof LoginNeededException) {
      return 303;
    }
    return null;
  }

  /** Answers the error page; a failure while rendering it answers a bare 500 rather than nothing. */
  async answer(exception: unknown, error: PageError, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      await this.answerPage(exception, error, request, reply);
    } catch (failure) {
      this.logger.error({ err: failure }, 'The error page failed');
      if (!reply.sent) {
        void reply.status(500).header('content-type', 'text/plain; charset=utf-8').send('Internal error');
      }
    }
  }

  private async answerPage(
    exception: unknown,
    error: PageError,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const context = await this.contextOf(request as PageRequest, reply);
    if (exception instanceof LoginNeededException) {
      const next = encodeURIComponent(exception.next);
      void reply.status(303).header('location', `/${context.lang}/login?next=${next}`).send();
      return;
    }
    const [status, view, title] =
      exception instanceof CsrfRefusedException
        ? [403, 'pages/errors/csrf', 'error.csrf.title']
        : [401, 403, 404, 405].includes(error.statusCode)
          ? [404, 'pages/errors/not-found', 'error.notFound.title']
          : error.statusCode >= 500
            ? [500, 'pages/errors/server', 'error.server.title']
            : [error.statusCode, 'pages/errors/request', 'error.request.title'];
    const html = this.pages.renderWith(context, view, context.t(title), { errorId: error.errorId ?? null, status });
    void reply.status(status).header('content-type', HTML).header('cache-control', 'no-store').send(html);
  }

  /**
   * The page's context; for an address no page answers, the same as a page would have (the person
   * logged in, their CSRF token), so that a page one may not see and a missing one look the same.
   */
  private async contextOf(request: PageRequest, reply: FastifyReply): Promise<PageContext> {
    if (request.page) {
      return this.pages.context(request, request.page);
    }
    const lang = languageOfPath(request.url) ?? negotiateLanguage(request.headers['accept-language']);
    const { user } = await this.sessions.userOf(request);
    return buildPageContext({
      catalogue: this.catalogue,
      lang,
      path: languageOfPath(request.url) ? pathAfterLanguage(request.url) : '/',
      csrf: this.sessions.maskCsrf(this.sessions.csrfOf(request, reply)),
      user,
    });
  }
}
