import { Role } from '@spcomms/access';
import { UserDto } from '@spcomms/accounts';
import { MandateDto, MandateHolderDto, StateDto } from '@spcomms/reference';
import { formErrors } from '../../forms/form-errors';
import { PageContext } from '../../render/page-context';

type Cell =
  string | { text: string; href?: string; header?: boolean; lang?: string; tag?: { text: string; colour: string } };

export type Errors = ReturnType<typeof formErrors>;

/** The roles an administrator gives, in the order the form lists them. */
export const ROLES: readonly Role[] = [Role.Assistant, Role.MandateHolder, Role.Government, Role.Committee, Role.Admin];

/** `/{lang}/admin/users`: the accounts, one page, with what an administrator can do to each. */
export interface AdminUsersView {
  notice: string | null;
  users: Array<{
    id: string;
    username: string;
    displayName: string;
    email: string;
    role: string;
    scope: string;
    disabled: boolean;
    status: { text: string; colour: string };
  }>;
  next: string | null;
}

export function adminUsersView(
  users: UserDto[],
  nextCursor: string | null,
  context: PageContext,
  notice: string | null,
): AdminUsersView {
  const { t, format, href } = context;
  return {
    notice,
    users: users.map((user) => ({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      role: t(`role.${user.role}`),
      scope: user.stateCode
        ? format.country(user.stateCode, user.stateCode)
        : user.mandates.length > 0
          ? user.mandates.join(', ')
          : t('admin.users.noScope'),
      disabled: user.disabledAt !== null,
      status: user.disabledAt
        ? { text: t('admin.users.status.disabled'), colour: 'grey' }
        : { text: t('admin.users.status.active'), colour: 'green' },
    })),
    next: nextCursor ? href(`/admin/users?cursor=${encodeURIComponent(nextCursor)}`) : null,
  };
}

/** What the new-user form shows again after an error. */
export interface NewUserForm {
  username: string;
  displayName: string;
  email: string;
  role: string;
  mandates: string[];
  state: string;
  language: string;
}

export interface NewUserView {
  form: NewUserForm;
  errors: Errors;
  roles: Array<{ value: string; text: string; checked: boolean }>;
  mandates: Array<{ value: string; text: string; checked: boolean; lang: string }>;
  states: Array<{ value: string; text: string }>;
  languages: Array<{ value: string; text: string; checked: boolean }>;
}

export function newUserView(
  form: NewUserForm,
  errors: Errors,
  mandates: MandateDto[],
  states: StateDto[],
  context: PageContext,
): NewUserView {
  const { t, format } = context;
  return {
    form,
    errors,
    roles: ROLES.map((role) => ({ value: role, text: t(`role.${role}`), checked: form.role === role })),
    mandates: mandates.map((mandate) => ({
      value: mandate.code,
      text: `${mandate.title} (${mandate.code})`,
      checked: form.mandates.includes(mandate.code),
      lang: 'en',
    })),
    states: [
      { value: '', text: t('admin.users.new.noState') },
      ...states
        .filter((state) => state.status !== 'pseudo')
        .map((state) => ({ value: state.code, text: format.country(state.code, state.name) }))
        .sort((a, b) => a.text.localeCompare(b.text, context.lang)),
    ],
    languages: (['en', 'fr', 'es'] as const).map((language) => ({
      value: language,
      text: t(`admin.language.${language}`),
      checked: (form.language || 'en') === language,
    })),
  };
}

/** `/{lang}/admin/mandates`: every mandate, ended ones included. */
export function adminMandatesView(mandates: MandateDto[], context: PageContext): { rows: Cell[][] } {
  const { t, format, href } = context;
  return {
    rows: mandates.map((mandate) => [
      { text: mandate.code, href: href(`/admin/mandates/${mandate.id}`), header: true },
      { text: mandate.title, lang: 'en' },
      t(`admin.mandates.kind.${mandate.kind}`),
      String(mandate.established),
      mandate.endedOn ? format.date(mandate.endedOn) : t('admin.none'),
    ]),
  };
}

/** `/{lang}/admin/mandates/{id}`: one mandate, its holders and their terms, and the forms to change them. */
export interface AdminMandateView {
  id: string;
  code: string;
  title: string;
  rows: Array<{ key: string; value: string }>;
  holders: Array<{
    id: string;
    name: string;
    terms: Array<{ id: string; number: string; period: string; ended: string | null; open: boolean }>;
    /** Whether a second term can be added (one term of this mandate, C-rule: at most two). */
    canRenew: boolean;
  }>;
  form: { name: string; startsOn: { day: string; month: string; year: string } };
  errors: Errors;
  notice: string | null;
}

export function adminMandateView(
  mandate: MandateDto,
  holders: MandateHolderDto[],
  context: PageContext,
  state: { form?: AdminMandateView['form']; errors?: Errors; notice?: string | null },
): AdminMandateView {
  const { t, format } = context;
  return {
    id: mandate.id,
    code: mandate.code,
    title: mandate.title,
    rows: [
      { key: t('admin.mandates.code'), value: mandate.code },
      { key: t('admin.mandates.kindLabel'), value: t(`admin.mandates.kind.${mandate.kind}`) },
      { key: t('admin.mandates.established'), value: String(mandate.established) },
      { key: t('admin.mandates.ended'), value: mandate.endedOn ? format.date(mandate.endedOn) : t('admin.none') },
    ],
    holders: holders.map((holder) => {
      const terms = holder.terms.filter((term) => term.mandateId === mandate.id);
      return {
        id: holder.id,
        name: holder.name,
        terms: terms.map((term) => ({
          id: term.id,
          number: t('admin.mandates.termNumber', { number: term.number }),
          period: t('admin.period', { from: format.date(term.startsOn), to: format.date(term.endsOn) }),
          ended: term.endedOn ? t('admin.mandates.endedOn', { date: format.date(term.endedOn) }) : null,
          open: term.endedOn === null,
        })),
        canRenew: terms.length === 1,
      };
    }),
    form: state.form ?? { name: '', startsOn: { day: '', month: '', year: '' } },
    errors: state.errors ?? formErrors([]),
    notice: state.notice ?? null,
  };
}

/** `/{lang}/admin/states`: the States, with their standing invitations. */
export function adminStatesView(states: StateDto[], context: PageContext): { rows: Cell[][] } {
  const { t, format, href } = context;
  return {
    rows: states
      .filter((state) => state.status !== 'pseudo')
      .map((state) => ({ state, name: format.country(state.code, state.name) }))
      .sort((a, b) => a.name.localeCompare(b.name, context.lang))
      .map(({ state, name }) => [
        { text: name, href: href(`/admin/states/${state.code}`), header: true },
        state.code,
        state.standingInvitation && !state.standingInvitation.withdrawnOn
          ? t('admin.states.invitedSince', { date: format.date(state.standingInvitation.issuedOn) })
          : t('admin.none'),
      ]),
  };
}

/** `/{lang}/admin/states/{code}`: a State's focal points and its standing invitation. */
export interface AdminStateView {
  code: string;
  name: string;
  focalPoints: Cell[][];
  invitation: string | null;
  invited: boolean;
  form: { day: string; month: string; year: string };
  errors: Errors;
  notice: string | null;
  addFocalPoint: string;
}

export function adminStateView(
  state: StateDto,
  focalPoints: Array<{ username: string; displayName: string; email: string; language: string }>,
  context: PageContext,
  extra: { form?: AdminStateView['form']; errors?: Errors; notice?: string | null },
): AdminStateView {
  const { t, format, href } = context;
  const open = state.standingInvitation && !state.standingInvitation.withdrawnOn ? state.standingInvitation : null;
  return {
    code: state.code,
    name: format.country(state.code, state.name),
    focalPoints: focalPoints.map((user) => [
      { text: user.displayName, header: true },
      user.username,
      user.email,
      t(`admin.language.${user.language}`),
    ]),
    invitation: open ? t('admin.states.invitedSince', { date: format.date(open.issuedOn) }) : null,
    invited: open !== null,
    form: extra.form ?? { day: '', month: '', year: '' },
    errors: extra.errors ?? formErrors([]),
    notice: extra.notice ?? null,
    addFocalPoint: href(`/admin/users/new?role=government&state=${state.code}`),
  };
}
