import { Get, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ReferenceService } from '@spcomms/reference';
import { AccountsErrorCode, AccountsException, AuthService, PASSWORD_MIN_LENGTH } from '@spcomms/accounts';
import { FormError, formErrors, rawField, textField } from '../../forms/form-errors';
import { Pages } from '../../render/pages';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { WebSessions } from '../../session/web-sessions';
import { isLanguage } from '../../i18n/languages';
import { AccountView, accountView } from './account.view';

const DONE = ['password', 'session', 'language'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `/{lang}/account`: who you are, change your password, see and end your sessions. */
@PageController('account')
@LoginRequired()
export class AccountController {
  constructor(
    private readonly pages: Pages,
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  async account(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('done') done?: string): Promise<void> {
    const notice =
      done === 'language'
        ? 'mail.account.language.done'
        : (DONE as readonly string[]).includes(done ?? '')
          ? `page.account.done.${done}`
          : null;
    await this.show(request, reply, notice, []);
  }

  @Post('password')
  async changePassword(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const { lang, user } = this.pages.stateOf(request);
    const t = (key: string, values?: Record<string, number>) => this.pages.t(lang, key, values);
    const currentPassword = rawField(request.body, 'current-password');
    const newPassword = rawField(request.body, 'new-password');
    const confirm = rawField(request.body, 'confirm-password');
    const errors: FormError[] = [
      ...(currentPassword ? [] : [{ field: 'current-password', text: t('page.account.error.current') }]),
      ...(newPassword.length >= PASSWORD_MIN_LENGTH && newPassword.length <= 200
        ? []
        : [{ field: 'new-password', text: t('page.account.error.length', { min: PASSWORD_MIN_LENGTH }) }]),
      ...(confirm === newPassword ? [] : [{ field: 'confirm-password', text: t('page.account.error.confirm') }]),
    ];
    if (errors.length > 0) {
      await this.show(request, reply, null, errors, 422);
      return;
    }
    try {
      await this.auth.changeOwnPassword(user!, request.ip, {
        currentPassword: currentPassword.slice(0, 200),
        newPassword,
      });
    } catch (error) {
      const field = error instanceof AccountsException ? PASSWORD_ERRORS[error.code] : undefined;
      if (error instanceof AccountsException && field) {
        const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 0;
        const status = error.code === AccountsErrorCode.TooManyAttempts ? 429 : 422;
        await this.show(request, reply, null, [{ field: field[0], text: t(field[1], { seconds }) }], status);
        return;
      }
      throw error;
    }
    this.pages.redirect(request, reply, '/account?done=password');
  }

  /**
   * Chooses the person's interface language: their e-mails are written in it (a Government's focal
   * points follow their State's choice when it made one). The page then answers in that language.
   */
  @Post('language')
  async changeLanguage(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const { lang, user } = this.pages.stateOf(request);
    const language = textField(request.body, 'language');
    if (!isLanguage(language)) {
      const error = { field: 'language', text: this.pages.t(lang, 'mail.account.language.error') };
      await this.show(request, reply, null, [error], 422);
      return;
    }
    await this.auth.setOwnLanguage(user!, { language });
    void reply.status(303).header('location', `/${language}/account?done=language`).send();
  }

  @Post('sessions/end')
  async endSession(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const { user } = this.pages.stateOf(request);
    const sessionId = textField(request.body, 'session');
    if (!UUID.test(sessionId)) {
      throw new PageNotFoundException();
    }
    await this.auth.endOwnSession(user!, sessionId);
    if (sessionId === user!.sessionId) {
      this.sessions.clear(reply);
      this.pages.redirect(request, reply, '/login?done=logout');
      return;
    }
    this.pages.redirect(request, reply, '/account?done=session');
  }

  private async show(
    request: PageRequest,
    reply: FastifyReply,
    notice: string | null,
    errors: FormError[],
    status = 200,
  ): Promise<void> {
    const { user } = this.pages.stateOf(request);
    const [me, sessions] = await Promise.all([this.auth.me(user!), this.auth.ownSessions(user!)]);
    const state = me.stateCode ? await this.reference.getState(me.stateCode) : null;
    const context = this.pages.context(request);
    this.pages.render<AccountView>(
      request,
      reply,
      'pages/account/index',
      'page.account.title',
      accountView(
        me,
        sessions,
        context,
        notice,
        formErrors(errors),
        textField(request.body, 'language') || me.language,
        state?.mailLanguage ?? null,
      ),
      status,
    );
  }
}

/** The field and message of each refusal of a password change. */
const PASSWORD_ERRORS: Partial<Record<string, [string, string]>> = {
  [AccountsErrorCode.WrongPassword]: ['current-password', 'page.account.error.wrong'],
  [AccountsErrorCode.SamePassword]: ['new-password', 'page.account.error.same'],
  [AccountsErrorCode.TooManyAttempts]: ['current-password', 'page.login.error.tooMany'],
};
