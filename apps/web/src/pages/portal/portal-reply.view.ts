import { PortalCommunicationDto, referenceSlug } from '@spcomms/communications';
import { PortalReplyDto } from '@spcomms/replies';
import { FormError, formErrors } from '../../forms/form-errors';
import { PageContext } from '../../render/page-context';

export const REPLY_LANGUAGE_CODES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

/** What the reply form shows again after a refusal. */
export interface ReplyFormValues {
  text: string;
  language: string;
  confidential: boolean;
}

export interface PortalReplyFormView {
  reference: string;
  letterHref: string;
  action: string;
  key: string;
  values: ReplyFormValues;
  languages: Array<{ value: string; text: string; lang: string }>;
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
  maxSize: string;
}

/** `/{lang}/portal/letters/{ref-slug}/reply`: the reply form. */
export function portalReplyFormView(
  letter: PortalCommunicationDto,
  input: { key: string; values: ReplyFormValues; errors: FormError[]; maxBytes: number },
  context: PageContext,
): PortalReplyFormView {
  const { t, format, href } = context;
  const slug = referenceSlug(letter.reference);
  const errors = formErrors(input.errors);
  return {
    reference: letter.reference,
    letterHref: href(`/portal/letters/${slug}`),
    action: href(`/portal/letters/${slug}/reply`),
    key: input.key,
    values: input.values,
    languages: REPLY_LANGUAGE_CODES.map((code) => ({ value: code, text: t(`portal.language.${code}`), lang: code })),
    errors: errors.summary,
    fieldErrors: errors.byField,
    maxSize: format.bytes(input.maxBytes),
  };
}

export interface PortalReceiptView {
  code: string;
  reference: string;
  letterHref: string;
  rows: Array<{ key: string; value: string; values?: string[] }>;
}

/** `/{lang}/portal/letters/{ref-slug}/replies/{receipt}`: the proof that a reply was received. */
export function portalReceiptView(
  letter: PortalCommunicationDto,
  reply: PortalReplyDto,
  context: PageContext,
): PortalReceiptView {
  const { t, format, href } = context;
  return {
    code: reply.receiptCode,
    reference: letter.reference,
    letterHref: href(`/portal/letters/${referenceSlug(letter.reference)}`),
    rows: [
      { key: t('portal.receipt.letter'), value: letter.reference },
      { key: t('portal.receipt.number'), value: t('page.portal.letter.reply.heading', { number: reply.number }) },
      { key: t('portal.receipt.receivedOn'), value: format.date(reply.receivedOn) },
      {
        key: t('portal.receipt.onTime'),
        value: reply.onTime === null ? '—' : t(`page.portal.letter.reply.${reply.onTime ? 'onTime' : 'late'}`),
      },
      { key: t('portal.reply.language'), value: t(`portal.language.${reply.language}`) },
      {
        key: t('portal.receipt.confidential'),
        value: t(reply.confidential ? 'portal.receipt.confidential.yes' : 'portal.receipt.confidential.no'),
      },
      {
        key: t('portal.receipt.attachments'),
        value: reply.attachments.length === 0 ? '—' : '',
        values: reply.attachments.map((file) => `${file.fileName} (${format.bytes(file.size)})`),
      },
    ],
  };
}
