import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { DomainException } from '@spcomms/errors';
import { FormPart, PortalRepliesService, RepliesErrorCode, ReplyForm } from '@spcomms/replies';
import { checkedParts } from '../../../../api/src/errors/checked-parts';
import { ValidationException } from '../../../../api/src/errors/validation.exception';
import { CsrfRefusedException } from '../../errors/page.exceptions';
import { FormError } from '../../forms/form-errors';
import { Pages } from '../../render/pages';
import { PageRequest } from '../../session/page-request';
import { WebSessions } from '../../session/web-sessions';
import { REPLY_LANGUAGE_CODES, ReplyFormValues } from './portal-reply.view';

export const CSRF_FIELD = '_csrf';
export const KEY_FIELD = 'key';

/** The one-time key of a reply form: a UUID the page made (an Idempotency-Key of the API). */
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ReplyOutcome =
  | { kind: 'recorded'; receiptCode: string }
  | { kind: 'refused'; key: string; values: ReplyFormValues; errors: FormError[] };

/**
 * Reads the reply form of the portal and hands it to the portal's reply service. A multipart form
 * must start with its `_csrf` field (checked before anything else is read) and its one-time key; the
 * fields the API does not know are taken out, an empty text or an empty file input is no field, and
 * what was typed is kept to show again with the errors.
 */
@Injectable()
export class PortalReplyForms {
  constructor(
    private readonly replies: PortalRepliesService,
    private readonly sessions: WebSessions,
    private readonly pages: Pages,
  ) {}

  async submit(request: PageRequest, actor: Actor, communicationId: string, body: unknown): Promise<ReplyOutcome> {
    const seen: ReplyFormValues = { text: '', language: '', confidential: false };
    let key: string;
    let form: ReplyForm;
    if (request.isMultipart()) {
      const parts = checkedParts(request)[Symbol.asyncIterator]();
      const first = await parts.next();
      if (first.done || first.value.type !== 'field' || first.value.fieldname !== CSRF_FIELD) {
        drain(first.done ? undefined : (first.value as FormPart));
        throw new CsrfRefusedException();
      }
      if (!this.sessions.csrfValueMatches(request, first.value.value)) {
        throw new CsrfRefusedException();
      }
      const second = await parts.next();
      key =
        !second.done && second.value.type === 'field' && second.value.fieldname === KEY_FIELD
          ? String(second.value.value)
          : '';
      const rest = second.done || key ? undefined : (second.value as FormPart);
      form = { kind: 'multipart', parts: replyParts(rest, parts as AsyncIterator<FormPart>, seen) };
    } else {
      const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      key = typeof fields[KEY_FIELD] === 'string' ? fields[KEY_FIELD] : '';
      const plain: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(fields)) {
        if (name !== CSRF_FIELD && name !== KEY_FIELD) {
          const kept = keepField(name, value, seen);
          if (kept !== undefined) {
            plain[name] = kept;
          }
        }
      }
      form = { kind: 'json', body: plain };
    }
    if (!KEY.test(key)) {
      key = randomUUID();
    }
    try {
      const receipt = await this.replies.submit(actor, communicationId, form, key);
      return { kind: 'recorded', receiptCode: receipt.receiptCode };
    } catch (error) {
      const errors = this.errorsOf(error, request);
      if (!errors) {
        throw error;
      }
      const reused = error instanceof DomainException && error.code === RepliesErrorCode.IdempotencyKeyReused;
      return { kind: 'refused', key: reused ? randomUUID() : key, values: seen, errors };
    }
  }

  /** The refusals a person can put right, as messages on the form's fields; null for anything else. */
  private errorsOf(error: unknown, request: PageRequest): FormError[] | null {
    const t = (key: string) => this.pages.t(this.pages.stateOf(request).lang, key);
    if (error instanceof ValidationException) {
      return [{ field: 'text', text: t('portal.reply.error.characters') }];
    }
    if (!(error instanceof DomainException)) {
      return null;
    }
    switch (error.code) {
      case RepliesErrorCode.Empty:
        return [{ field: 'text', text: t('portal.reply.error.empty') }];
      case RepliesErrorCode.FieldTooLarge:
        return [{ field: 'text', text: t('portal.reply.error.textTooLong') }];
      case RepliesErrorCode.AttachmentTooLarge:
        return [{ field: 'attachments', text: t('portal.reply.error.fileTooLarge') }];
      case RepliesErrorCode.TooManyParts:
        return [{ field: 'attachments', text: t('portal.reply.error.tooManyFiles') }];
      case RepliesErrorCode.UnsupportedMediaType:
        return [{ field: 'attachments', text: t('portal.reply.error.fileType') }];
      case RepliesErrorCode.IdempotencyKeyReused:
        return [{ field: 'text', text: t('portal.reply.error.alreadySent') }];
      case 'validation.failed': {
        const fields = Array.isArray(error.details) ? (error.details as Array<{ field: string }>) : [];
        return fields.some((field) => field.field === 'language')
          ? [{ field: 'language', text: t('portal.reply.error.language') }]
          : [{ field: 'text', text: t('portal.reply.error.text') }];
      }
      default:
        return null;
    }
  }
}

/** A field of the form as the reply service takes it: undefined to leave it out. */
function keepField(name: string, value: unknown, seen: ReplyFormValues): unknown {
  if (name === 'text') {
    seen.text = typeof value === 'string' ? value : '';
    return typeof value === 'string' && value.trim() === '' ? undefined : value;
  }
  if (name === 'language') {
    seen.language =
      typeof value === 'string' && (REPLY_LANGUAGE_CODES as readonly string[]).includes(value) ? value : '';
    return value;
  }
  if (name === 'attachments' && value === '') {
    // An empty file input, as some clients send it: no file.
    return undefined;
  }
  if (name === 'confidential') {
    seen.confidential = value === 'true';
    return value === 'true' ? 'true' : undefined;
  }
  return value;
}

/** The parts after the key: known fields kept (and remembered), an empty file input skipped. */
async function* replyParts(
  first: FormPart | undefined,
  rest: AsyncIterator<FormPart>,
  seen: ReplyFormValues,
): AsyncGenerator<FormPart> {
  let next: FormPart | undefined = first;
  for (;;) {
    if (next === undefined) {
      const step = await rest.next();
      if (step.done) {
        return;
      }
      next = step.value;
    }
    const part: FormPart = next;
    next = undefined;
    if (part.type === 'file') {
      if (!part.filename) {
        drain(part);
        continue;
      }
      yield part;
      continue;
    }
    if (part.fieldname === CSRF_FIELD || part.fieldname === KEY_FIELD) {
      continue;
    }
    const kept = keepField(part.fieldname, part.value, seen);
    if (kept !== undefined) {
      yield { ...part, value: kept };
    }
  }
}

function drain(part: FormPart | undefined): void {
  if (part?.type === 'file') {
    part.file.resume();
  }
}
