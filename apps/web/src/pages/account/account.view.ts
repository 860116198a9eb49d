import { MeDto, OwnSessionDto } from '@spcomms/accounts';
import { formErrors } from '../../forms/form-errors';
import { PageContext } from '../../render/page-context';

export interface AccountView {
  username: string;
  displayName: string;
  email: string;
  role: string;
  notice: string | null;
  errors: ReturnType<typeof formErrors>;
  sessions: Array<{ id: string; started: string; expires: string; current: boolean }>;
}

export function accountView(
  me: MeDto,
  sessions: OwnSessionDto[],
  context: PageContext,
  notice: string | null,
  errors: ReturnType<typeof formErrors>,
): AccountView {
  return {
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
