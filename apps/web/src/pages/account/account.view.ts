import { MeDto, OwnSessionDto } from '@spcomms/accounts';
import { formErrors } from '../../forms/form-errors';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from '../../i18n/languages';
import { PageContext } from '../../render/page-context';

export interface AccountView {
  username: string;
  displayName: string;
  email: string;
  role: string;
  notice: string | null;
  errors: ReturnType<typeof formErrors>;
  sessions: Array<{ id: string; started: string; expires: string; current: boolean }>;
  /** The interface languages to choose from, each named in itself; the person's (or the one just sent) checked. */
  languages: Array<{ value: string; text: string; lang: string; checked: boolean }>;
  /** For a Government's focal point whose State chose the language of its e-mails: that language's name. */
  stateMailLanguage: string | null;
}

export function accountView(
  me: MeDto,
  sessions: OwnSessionDto[],
  context: PageContext,
  notice: string | null,
  errors: ReturnType<typeof formErrors>,
  chosen: string = me.language,
  stateMailLanguage: string | null = null,
): AccountView {
  return {
    languages: LANGUAGES.map((language) => ({
      value: language,
      text: LANGUAGE_NAMES[language],
      lang: language,
      checked: language === chosen,
    })),
    stateMailLanguage: isLanguage(stateMailLanguage) ? LANGUAGE_NAMES[stateMailLanguage] : null,
    username: me.username,
    displayName: me.displayName,
    email: me.email,
    role: context.t(`role.${me.role}`),
    notice: notice ? context.t(notice) : null,
    errors,
    sessions: sessions.map((session) => ({
      id: session.id,
      started: context.format.dateTime(session.createdAt),
      expires: context.format.dateTime(session.expiresAt),
      current: session.current,
    })),
  };
}
