import { Get, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { PASSWORD_MIN_LENGTH } from '@spcomms/accounts';
import { PasswordLinkErrorCode, PasswordLinkException, PasswordLinksService } from '@spcomms/password-links';
import { PublicRateLimit } from '../../../../api/src/rate-limit/public-rate-limit.decorator';
import { FormError, formErrors, rawField, textField } from '../../forms/form-errors';
import { Pages } from '../../render/pages';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';

const LINK_TOKEN = /^spl_[A-Za-z0-9_-]{43}$/;

export interface SetPasswordView {
  token: string;
  /** The link cannot be used: no token, or not one of ours. */
  invalidLink: boolean;
  errors: ReturnType<typeof formErrors>;
}

/**
 * `/{lang}/set-password?token=…`: the page the e-mailed one-time link opens (a new account, or a
 * password reset by an administrator). The password is set through the same service as the API's.
 */
@PageController()
export class SetPasswordController {
  constructor(
    private readonly pages: Pages,
    private readonly passwordLinks: PasswordLinksService,
  ) {}

  @Get('set-password')
  form(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('token') token?: string): void {
    const valid = typeof token === 'string' && LINK_TOKEN.test(token);
    this.show(
      request,
      reply,
      { token: valid ? token : '', invalidLink: !valid, errors: formErrors([]) },
      valid ? 200 : 404,
    );
  }

  @Post('set-password')
  @PublicRateLimit({ bucket: 'password-link' })
  async set(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const { lang } = this.pages.stateOf(request);
    const t = (key: string, values?: Record<string, number>) => this.pages.t(lang, key, values);
    const token = textField(request.body, 'token');
    const password = rawField(request.body, 'new-password');
    const confirm = rawField(request.body, 'confirm-password');
    if (!LINK_TOKEN.test(token)) {
      this.show(request, reply, { token: '', invalidLink: true, errors: formErrors([]) }, 404);
      return;
    }
    const errors: FormError[] = [
      ...(password.length >= PASSWORD_MIN_LENGTH && password.length <= 200
        ? []
        : [{ field: 'new-password', text: t('page.account.error.length', { min: PASSWORD_MIN_LENGTH }) }]),
      ...(confirm === password ? [] : [{ field: 'confirm-password', text: t('page.account.error.confirm') }]),
    ];
    if (errors.length > 0) {
      this.show(request, reply, { token, invalidLink: false, errors: formErrors(errors) }, 422);
      return;
    }
    try {
      await this.passwordLinks.usePasswordLink({ token, password });
    } catch (error) {
      if (error instanceof PasswordLinkException && error.code === PasswordLinkErrorCode.InvalidLink) {
        this.show(request, reply, { token: '', invalidLink: true, errors: formErrors([]) }, 422);
        return;
      }
      throw error;
    }
    this.pages.redirect(request, reply, '/login?done=password-set');
  }

  private show(request: PageRequest, reply: FastifyReply, view: SetPasswordView, status = 200): void {
    this.pages.render(request, reply, 'pages/auth/set-password', 'page.setPassword.title', view, status);
  }
}
