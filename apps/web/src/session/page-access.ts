import { SetMetadata } from '@nestjs/common';
import { Role } from '@spcomms/access';

export const PAGE_ACCESS = 'spcomms:page-access';

/** Who may open a page: anyone, or a logged-in person (with one of the roles, when given). */
export type PageAccessRule = { login: false } | { login: true; roles: Role[] };

/** The page is for logged-in people (of these roles, when given); anyone else sees the 404 page. */
export const LoginRequired = (...roles: Role[]) =>
  SetMetadata(PAGE_ACCESS, { login: true, roles } satisfies PageAccessRule);

export const MULTIPART_FORM = 'spcomms:multipart-form';

/**
 * The route takes a multipart form (file uploads): its body is not parsed before the handler, so the
 * guard lets a multipart POST through and the handler checks the form's `_csrf` field — its first
 * part — with `WebSessions.csrfValueMatches` before reading anything else.
 */
export const MultipartForm = () => SetMetadata(MULTIPART_FORM, true);
