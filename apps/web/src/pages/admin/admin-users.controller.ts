import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { isEmail } from 'class-validator';
import { Role } from '@spcomms/access';
import { AccountsErrorCode, AccountsException, CreateUserDto, UsersService } from '@spcomms/accounts';
import { PasswordLinksService } from '@spcomms/password-links';
import { ReferenceService } from '@spcomms/reference';
import { FormError, formErrors, listField, textField } from '../../forms/form-errors';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { UUID } from '../workspace/workspace-letter.controller';
import { NewUserForm, ROLES, adminUsersView, newUserView } from './admin.view';

const DONE = ['created', 'disabled', 'enabled', 'reset'] as const;
const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;
const USERNAME = /^[a-z0-9._-]{3,60}$/;
const MANDATE_ROLES: readonly string[] = [Role.Assistant, Role.MandateHolder];

/**
 * `/{lang}/admin/users`: the accounts (`GET /users`); `/admin/users/new` creates one with its role and
 * scope (`POST /users` without a password: the user is e-mailed a one-time link); each account can be
 * disabled, enabled, or its password reset by the same kind of link (`POST /users/{id}/…`).
 */
@PageController('admin/users')
@LoginRequired(Role.Admin)
export class AdminUsersController {
  constructor(
    private readonly pages: Pages,
    private readonly users: UsersService,
    private readonly passwordLinks: PasswordLinksService,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  async list(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('cursor') cursor?: string,
    @Query('done') done?: string,
    @Query('user') user?: string,
  ): Promise<void> {
    const page = await this.users.list(this.pages.actorOf(request), {
      cursor: cursor && CURSOR.test(cursor) ? cursor : undefined,
    });
    const context = this.pages.context(request);
    const notice = (DONE as readonly string[]).includes(done ?? '')
      ? context.t(`admin.users.done.${done}`, { user: user && USERNAME.test(user) ? user : '' })
      : null;
    this.pages.render(
      request,
      reply,
      'pages/admin/users',
      'admin.users.title',
      adminUsersView(page.items, page.nextCursor, context, notice),
    );
  }

  @Get('new')
  async newUser(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('role') role?: string,
    @Query('state') state?: string,
  ): Promise<void> {
    await this.showForm(request, reply, {
      username: '',
      displayName: '',
      email: '',
      role: (ROLES as readonly string[]).includes(role ?? '') ? role! : '',
      mandates: [],
      state: /^[A-Z]{3}$/.test(state ?? '') ? state! : '',
      language: 'en',
    });
  }

  @Post()
  async create(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const { lang } = this.pages.stateOf(request);
    const t = (key: string) => this.pages.t(lang, key);
    const body = request.body;
    const form: NewUserForm = {
      username: textField(body, 'username'),
      displayName: textField(body, 'display-name'),
      email: textField(body, 'email'),
      role: textField(body, 'role'),
      mandates: listField(body, 'mandates').slice(0, 60),
      state: textField(body, 'state'),
      language: textField(body, 'language'),
    };
    const errors: FormError[] = [];
    if (!USERNAME.test(form.username)) errors.push({ field: 'username', text: t('admin.users.error.username') });
    if (form.displayName.length < 1 || form.displayName.length > 200)
      errors.push({ field: 'display-name', text: t('admin.users.error.name') });
    if (form.email.length > 200 || !isEmail(form.email))
      errors.push({ field: 'email', text: t('admin.users.error.email') });
    if (!(ROLES as readonly string[]).includes(form.role))
      errors.push({ field: 'role', text: t('admin.users.error.role') });
    if (MANDATE_ROLES.includes(form.role) && form.mandates.length === 0)
      errors.push({ field: 'mandates', text: t('admin.users.error.mandates') });
    if (form.role === Role.Government && !/^[A-Z]{3}$/.test(form.state))
      errors.push({ field: 'state', text: t('admin.users.error.state') });
    if (!['en', 'fr', 'es'].includes(form.language))
      errors.push({ field: 'language', text: t('admin.users.error.language') });
    if (form.mandates.some((code) => !/^[A-Z0-9_]{1,20}$/.test(code)))
      errors.push({ field: 'mandates', text: t('admin.users.error.mandates') });
    if (errors.length > 0) {
      await this.showForm(request, reply, form, errors);
      return;
    }
    const dto: CreateUserDto = {
      username: form.username,
      displayName: form.displayName,
      email: form.email,
      role: form.role as Role,
      language: form.language as 'en' | 'fr' | 'es',
      ...(MANDATE_ROLES.includes(form.role) ? { mandates: form.mandates } : {}),
      ...(form.role === Role.Government ? { stateCode: form.state } : {}),
    };
    try {
      await this.passwordLinks.createUser(this.pages.actorOf(request), dto);
    } catch (error) {
      if (error instanceof AccountsException && error.code === AccountsErrorCode.UsernameTaken) {
        await this.showForm(request, reply, form, [{ field: 'username', text: t('admin.users.error.taken') }]);
        return;
      }
      if (error instanceof AccountsException && error.code === AccountsErrorCode.InvalidScope) {
        const field = form.role === Role.Government ? 'state' : 'mandates';
        await this.showForm(request, reply, form, [{ field, text: t(`admin.users.error.${field}`) }]);
        return;
      }
      throw error;
    }
    this.pages.redirect(request, reply, `/admin/users?done=created&user=${encodeURIComponent(form.username)}`);
  }

  @Post(':id/:action')
  async act(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('action') action: string,
  ): Promise<void> {
    if (!UUID.test(id) || !['disable', 'enable', 'password'].includes(action)) {
      throw new PageNotFoundException();
    }
    const actor = this.pages.actorOf(request);
    const user =
      action === 'password'
        ? await this.passwordLinks.resetPassword(actor, id, {})
        : await this.users.setDisabled(actor, id, action === 'disable');
    const done = action === 'password' ? 'reset' : `${action}d`;
    this.pages.redirect(request, reply, `/admin/users?done=${done}&user=${encodeURIComponent(user.username)}`);
  }

  private async showForm(
    request: PageRequest,
    reply: FastifyReply,
    form: NewUserForm,
    errors: FormError[] = [],
  ): Promise<void> {
    const [mandates, states] = await Promise.all([this.reference.listMandates(false), this.reference.listStates()]);
    this.pages.render(
      request,
      reply,
      'pages/admin/user-new',
      'admin.users.new.title',
      newUserView(form, formErrors(errors), mandates, states, this.pages.context(request)),
      errors.length > 0 ? 422 : 200,
    );
  }
}
