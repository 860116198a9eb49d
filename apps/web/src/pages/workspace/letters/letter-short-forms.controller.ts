import { randomUUID } from 'node:crypto';
import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { CommunicationDto, DeadlineExtensionService, DraftingService } from '@spcomms/communications';
import { AppConfig } from '@spcomms/config';
import { DomainException, ErrorKind } from '@spcomms/errors';
import { RECORDED_CHANNELS, REPLY_LANGUAGES, RepliesService } from '@spcomms/replies';
import { Pages } from '../../../render/pages';
import { LoginRequired } from '../../../session/page-access';
import { PageRequest } from '../../../session/page-request';
import { PageController } from '../../../session/page.decorators';
import { DateInput, dateFieldsOf, dateInput, parseDate, single } from '../../date-fields';
import { LetterFormError } from './letter-form';
import { LetterPages } from './letter-pages';
import { letterHeading } from './letter-steps.view';
import { errorsView } from './letters.view';

/** What the short forms of a letter (abandon, extension, reply) post, as typed. */
interface ShortForm {
  reason: string;
  date: DateInput;
  channel: string;
  language: string;
  confidential: boolean;
  text: string;
  key: string;
}

const emptyShortForm = (): ShortForm => ({
  reason: '',
  date: { day: '', month: '', year: '' },
  channel: 'note_verbale',
  language: 'en',
  confidential: false,
  text: '',
  key: randomUUID(),
});

function readShortForm(body: Record<string, unknown> | undefined): ShortForm {
  const source = body ?? {};
  return {
    reason: single(source.reason),
    date: dateInput(source, 'date'),
    channel: single(source.channel),
    language: single(source.language),
    confidential: single(source.confidential) !== '',
    text: single(source.text),
    key: /^[0-9a-f-]{36}$/.test(single(source.key)) ? single(source.key) : randomUUID(),
  };
}

/** The status a letter must have for each short form. */
const SHORT_FORM_STATUS = { abandon: 'draft', extension: 'sent', reply: 'sent' } as const;
/**
 * The short forms of one letter: `/abandon`, `/extension` and `/reply` (a reply received by another
 * channel).
 * Each calls the service of its API operation with the person as actor, so a letter of another
 * mandate is the 404 page.
 */
@PageController('workspace/letters')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class LetterShortFormsController {
  constructor(
    private readonly pages: Pages,
    private readonly letters: LetterPages,
    private readonly drafting: DraftingService,
    private readonly extensions: DeadlineExtensionService,
    private readonly replies: RepliesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  // ---- abandoning ----

  @Get(':id/abandon')
  @LoginRequired(Role.Assistant)
  async confirmAbandon(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const letter = await this.letterFor(request, reply, id, 'abandon');
    if (!letter) {
      return;
    }
    this.showShortForm(request, reply, 'abandon', letter, emptyShortForm(), []);
  }

  @Post(':id/abandon')
  @LoginRequired(Role.Assistant)
  async abandon(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const letter = await this.letterFor(request, reply, id, 'abandon');
    if (!letter) {
      return;
    }
    const form = readShortForm(body);
    if (form.reason.length < 3 || form.reason.length > 2000) {
      return this.showShortForm(request, reply, 'abandon', letter, form, [
        { field: 'reason', message: 'letters.error.abandon.reason' },
      ]);
    }
    await this.drafting.abandon(this.letters.user(request), id, { reason: form.reason });
    this.pages.redirect(request, reply, `/workspace/letters/${id}?abandoned=1`);
  }

  // ---- the reply deadline ----

  @Get(':id/extension')
  @LoginRequired(Role.Assistant)
  async extensionForm(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const letter = await this.letterFor(request, reply, id, 'extension');
    if (!letter) {
      return;
    }
    this.showShortForm(request, reply, 'extension', letter, emptyShortForm(), []);
  }

  @Post(':id/extension')
  @LoginRequired(Role.Assistant)
  async extend(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const letter = await this.letterFor(request, reply, id, 'extension');
    if (!letter) {
      return;
    }
    const form = readShortForm(body);
    const errors: LetterFormError[] = [];
    const date = parseDate(form.date);
    if (date.kind !== 'date') {
      errors.push({
        field: 'date-day',
        message: date.kind === 'empty' ? 'letters.error.extension.missing' : 'letters.error.extension.invalid',
      });
    }
    if (form.reason.length < 3 || form.reason.length > 2000) {
      errors.push({ field: 'reason', message: 'letters.error.extension.reason' });
    }
    if (errors.length === 0 && date.kind === 'date') {
      try {
        await this.extensions.extendReplyDeadline(this.letters.user(request), id, {
          replyRequestedBy: date.date,
          reason: form.reason,
        });
        return this.pages.redirect(request, reply, `/workspace/letters/${id}?extended=1`);
      } catch (error) {
        if (!(error instanceof DomainException) || error.kind !== ErrorKind.Invalid) {
          throw error;
        }
        errors.push({ field: 'date-day', message: 'letters.error.extension.earlier' });
      }
    }
    this.showShortForm(request, reply, 'extension', letter, form, errors);
  }

  // ---- a reply received by another channel ----

  @Get(':id/reply')
  @LoginRequired(Role.Assistant)
  async replyForm(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const letter = await this.letterFor(request, reply, id, 'reply');
    if (!letter) {
      return;
    }
    const today = calendarDateIn(this.clock.now(), this.config.rules.timezone);
    this.showShortForm(request, reply, 'reply', letter, { ...emptyShortForm(), date: dateFieldsOf(today) }, []);
  }

  @Post(':id/reply')
  @LoginRequired(Role.Assistant)
  async recordReply(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const letter = await this.letterFor(request, reply, id, 'reply');
    if (!letter) {
      return;
    }
    const form = readShortForm(body);
    const errors: LetterFormError[] = [];
    const date = parseDate(form.date);
    if (date.kind !== 'date') {
      errors.push({
        field: 'date-day',
        message: date.kind === 'empty' ? 'letters.error.received.missing' : 'letters.error.received.invalid',
      });
    }
    if (!(RECORDED_CHANNELS as readonly string[]).includes(form.channel)) {
      errors.push({ field: 'channel', message: 'letters.error.channel' });
    }
    if (!(REPLY_LANGUAGES as readonly string[]).includes(form.language)) {
      errors.push({ field: 'language', message: 'letters.error.replyLanguage' });
    }
    if (form.text.length < 1) {
      errors.push({ field: 'text', message: 'letters.error.replyText' });
    }
    if (errors.length === 0 && date.kind === 'date') {
      try {
        await this.replies.record(
          this.letters.user(request),
          id,
          {
            kind: 'json',
            body: {
              text: form.text,
              language: form.language,
              confidential: form.confidential,
              channel: form.channel,
              receivedOn: date.date,
            },
          },
          `page-${form.key}`,
        );
        return this.pages.redirect(request, reply, `/workspace/letters/${id}?replied=1`);
      } catch (error) {
        if (!(error instanceof DomainException) || error.kind !== ErrorKind.Invalid) {
          throw error;
        }
        errors.push(
          error.code === 'reply.received_in_future'
            ? { field: 'date-day', message: 'letters.error.received.future' }
            : error.code === 'reply.received_before_sending'
              ? { field: 'date-day', message: 'letters.error.received.beforeSending' }
              : { field: 'text', message: 'letters.error.replyText' },
        );
      }
    }
    this.showShortForm(request, reply, 'reply', letter, form, errors);
  }

  /**
   * The letter of a short form (abandon, extension, reply) when it is in the state the form is for (a
   * draft to abandon; a sent letter to extend or to record a reply to); otherwise the person is sent
   * back to the letter's page and the answer is null.
   */
  private async letterFor(
    request: PageRequest,
    reply: FastifyReply,
    id: string,
    which: keyof typeof SHORT_FORM_STATUS,
  ): Promise<CommunicationDto | null> {
    const letter = await this.letters.letter(request, id);
    if (letter.status !== SHORT_FORM_STATUS[which]) {
      this.pages.redirect(request, reply, `/workspace/letters/${id}`);
      return null;
    }
    return letter;
  }

  private showShortForm(
    request: PageRequest,
    reply: FastifyReply,
    which: 'abandon' | 'extension' | 'reply',
    letter: CommunicationDto,
    form: ShortForm,
    errors: LetterFormError[],
  ): void {
    const context = this.pages.context(request);
    const model = {
      letter: letterHeading(letter, context),
      form,
      errors: errorsView(errors, context),
      replyRequestedBy: letter.replyRequestedBy ? context.format.date(letter.replyRequestedBy) : null,
      channels: RECORDED_CHANNELS.map((channel) => ({
        value: channel,
        text: context.t(`letters.channel.${channel}`),
        checked: form.channel === channel,
      })),
      languages: REPLY_LANGUAGES.map((language) => ({
        value: language,
        text: context.t(`letters.replyLanguage.${language}`),
      })),
    };
    this.letters.render(request, reply, which, `letters.${which}.title`, model, errors, errors.length > 0 ? 422 : 200);
  }
}
