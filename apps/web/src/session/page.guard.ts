import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply } from 'fastify';
import { ActorRequest } from '../../../api/src/auth/auth.decorators';
import { CsrfRefusedException, LoginNeededException, PageNotFoundException } from '../errors/page.exceptions';
import { languageOfPath } from '../i18n/languages';
import { MULTIPART_FORM, PAGE_ACCESS, PageAccessRule } from './page-access';
import { PageRequest, pathAfterLanguage } from './page-request';
import { WebSessions } from './web-sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every page: its language from the address, its person from the session cookie (replacing the public
 * actor the API guard set), its CSRF token; a state-changing request without the form's token is
 * refused; a page for logged-in people sends others to the login form, and answers a role it is not
 * for with the 404 page, the same as a page that does not exist.
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<PageRequest & ActorRequest>();
    const reply = http.getResponse<FastifyReply>();
    const lang = languageOfPath(request.url) ?? 'en';
    const { user, token } = await this.sessions.userOf(request);
    const csrf = this.sessions.csrfOf(request, reply);
    request.page = { lang, user, sessionToken: token, csrf: this.sessions.maskCsrf(csrf) };
    this.sessions.rememberLanguage(request, reply, lang);
    if (user) {
      request.actor = user;
    }
    const checkedByHandler =
      this.reflector.get<boolean | undefined>(MULTIPART_FORM, context.getHandler()) === true && request.isMultipart();
    if (!SAFE_METHODS.has(request.method) && !checkedByHandler && !this.sessions.csrfMatches(request)) {
      throw new CsrfRefusedException();
    }
    const rule = this.reflector.getAllAndOverride<PageAccessRule | undefined>(PAGE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule?.login) {
      if (!user) {
        throw new LoginNeededException(pathAfterLanguage(request.url));
      }
      if (rule.roles.length > 0 && !rule.roles.includes(user.role)) {
        throw new PageNotFoundException();
      }
    }
    return true;
  }
}
