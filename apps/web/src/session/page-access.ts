import { SetMetadata } from '@nestjs/common';
import { Role } from '@spcomms/access';

export const PAGE_ACCESS = 'spcomms:page-access';

/** Who may open a page: anyone, or a logged-in person (with one of the roles, when given). */
export type PageAccessRule = { login: false } | { login: true; roles: Role[] };

/** The page is for logged-in people (of these roles, when given); anyone else sees the 404 page. */
export const LoginRequired = (...roles: Role[]) =>
  SetMetadata(PAGE_ACCESS, { login: true, roles } satisfies PageAccessRule);
