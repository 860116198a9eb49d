import { Get, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { AccountsErrorCode, AccountsException, AuthService } from '@spcomms/accounts';
import { FormError, formErrors, rawField, textField } from '../../forms/form-errors';
import { Pages } from '../../render/pages';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { ROLE_HOMES, safeNext } from '../../session/role-home';
import { WebSessions } from '../../session/web-sessions';

/** What the login page shows once it is done: after logout, after a password was set. */
const NOTICES = ['logout', 'password-set'] as const;

export interface LoginView {
  username: string;
  next: string;
  notice: string | null;
  errors: ReturnType<typeof formErrors>;
}

/**
 * `/{lang}/login` and `/{lang}/logout`: a browser session over the API's login (the same rate limit,
 * the same revocable sessions). After login the person goes back to the page that sent them here, or
 * to their role's home.
 */
@PageController()
export class LoginController {
  constructor(
    private readonly pages: Pages,
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
  ) {}

  @Get('login')
  form(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('done') done?: string,
  ): void {
    const state = this.pages.stateOf(request);
    if (state.user && !done) {
      this.pages.redirect(request, reply, safeNext(next) ?? ROLE_HOMES[state.user.role]);
      return;
    }
    const notice = (NOTICES as readonly string[]).includes(done ?? '') ? `page.login.notice.${done}` : null;
    this.show(request, reply, { username: '', next: safeNext(next) ?? '', notice, errors: formErrors([]) });
  }

  @Post('login')
  async login(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const { lang, user: before } = this.pages.stateOf(request);
    const t = (key: string, values?: Record<string, number>) => this.pages.t(lang, key, values);
    const username = textField(request.body, 'username');
    const password = rawField(request.body, 'password');
    const next = safeNext(textField(request.body, 'next'));
    const view = (errors: FormError[]): LoginView => ({
      username,
      next: next ?? '',
      notice: null,
      errors: formErrors(errors),
    });
    const missing: FormError[] = [
      ...(username ? [] : [{ field: 'username', text: t('page.login.error.username') }]),
      ...(password ? [] : [{ field: 'password', text: t('page.login.error.password') }]),
    ];
    if (missing.length > 0) {
      this.show(request, reply, view(missing), 422);
      return;
    }
    try {
      const { token, expiresAt } = await this.auth.login(request.ip, {
        username: username.slice(0, 100),
        password: password.slice(0, 200),
      });
      if (before) {
        await this.auth.logout(before);
      }
      this.sessions.start(reply, token, expiresAt);
      const user = await this.auth.authenticate(token);
      this.pages.redirect(request, reply, next ?? ROLE_HOMES[user!.role]);
    } catch (error) {
      if (error instanceof AccountsException && error.code === AccountsErrorCode.InvalidCredentials) {
        this.show(request, reply, view([{ field: 'username', text: t('page.login.error.wrong') }]), 422);
        return;
      }
      if (error instanceof AccountsException && error.code === AccountsErrorCode.TooManyAttempts) {
        const seconds = (error.details as { retryAfterSeconds: number }).retryAfterSeconds;
        void reply.header('retry-after', String(seconds));
        this.show(request, reply, view([{ field: 'username', text: t('page.login.error.tooMany', { seconds }) }]), 429);
        return;
      }
      throw error;
    }
  }

  @Post('logout')
  async logout(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const { user } = this.pages.stateOf(request);
    if (user) {
      await this.auth.logout(user);
    }
    this.sessions.clear(reply);
    this.pages.redirect(request, reply, '/login?done=logout');
  }

  private show(request: PageRequest, reply: FastifyReply, view: LoginView, status = 200): void {
    this.pages.render(request, reply, 'pages/auth/login', 'page.login.title', view, status);
  }
}
