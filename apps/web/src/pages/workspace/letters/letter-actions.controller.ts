import { randomUUID } from 'node:crypto';
import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role, UserActor } from '@spcomms/access';
import { Clock, atLocalTime, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import {
  CommunicationDto,
  CommunicationErrorCode,
  CommunicationException,
  DeadlineExtensionService,
  DraftingService,
  LetterTimelineService,
  SigningService,
  TransmissionService,
} from '@spcomms/communications';
import { DomainException, ErrorKind } from '@spcomms/errors';
import { MandateDto, ReferenceService } from '@spcomms/reference';
import { RECORDED_CHANNELS, REPLY_LANGUAGES, RepliesService } from '@spcomms/replies';
import { PageNotFoundException } from '../../../errors/page.exceptions';
import { Pages } from '../../../render/pages';
import { LoginRequired } from '../../../session/page-access';
import { PageController } from '../../../session/page.decorators';
import { PageRequest } from '../../../session/page-request';
import { DateInput, dateFieldsOf, dateInput, many, parseDate, single } from '../../date-fields';
import { UUID } from '../workspace-letter.controller';
import { LetterFormError } from './letter-form';
import { approvalsView, letterHeading, sendView, timelineView, versionsView } from './letter-steps.view';
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
 * The pages of one letter beyond reading it: `/versions` (any two compared), `/approvals` (and the
 * invitation of co-signing mandates), `/send` (the confirmation, then sending), `/abandon`,
 * `/extension`, `/reply` (a reply received by another channel) and `/timeline`. Each calls the service
 * of its API operation with the person as actor, so a letter of another mandate is the 404 page.
 */
@PageController('workspace/letters')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class LetterActionsController {
  constructor(
    private readonly pages: Pages,
    private readonly drafting: DraftingService,
    private readonly signing: SigningService,
    private readonly transmission: TransmissionService,
    private readonly extensions: DeadlineExtensionService,
    private readonly timelines: LetterTimelineService,
    private readonly replies: RepliesService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  // ---- versions ----

  @Get(':id/versions')
  async versions(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const letter = await this.letter(request, id);
    const versions = await this.drafting.listVersions(this.user(request), id);
    const current = letter.currentVersion.number;
    const from = single(query.from) || String(Math.max(1, current - 1));
    const to = single(query.to) || String(current);
    const known = new Set(versions.map((version) => String(version.number)));
    const errors: LetterFormError[] = [];
    if (!known.has(from)) {
      errors.push({ field: 'from', message: 'letters.error.version', values: { last: current } });
    }
    if (!known.has(to)) {
      errors.push({ field: 'to', message: 'letters.error.version', values: { last: current } });
    }
    const model = versionsView({ letter, versions, from, to, errors }, this.pages.context(request));
    this.render(request, reply, 'versions', 'letters.versions.title', model, errors, errors.length > 0 ? 422 : 200);
  }

  // ---- approvals and invitations ----

  @Get(':id/approvals')
  async approvals(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query('invited') invited: unknown,
  ): Promise<void> {
    const letter = await this.letter(request, id);
    await this.showApprovals(request, reply, letter, [], { day: '', month: '', year: '' }, [], single(invited) !== '');
  }

  @Post(':id/approvals')
  @LoginRequired(Role.Assistant)
  async invite(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const user = this.user(request);
    const letter = await this.leadLetter(request, id);
    const chosen = many(body?.mandates);
    const deadlineInput = dateInput(body ?? {}, 'deadline');
    const deadline = parseDate(deadlineInput);
    const errors: LetterFormError[] = [];
    if (chosen.length === 0) {
      errors.push({ field: 'mandates', message: 'letters.error.invite.none' });
    }
    if (deadline.kind === 'invalid') {
      errors.push({ field: 'deadline-day', message: 'letters.error.deadline.invalid' });
    }
    if (letter.status !== 'draft') {
      return this.pages.redirect(request, reply, `/workspace/letters/${id}`);
    }
    if (errors.length === 0) {
      try {
        await this.signing.invite(user, id, {
          mandates: chosen,
          ...(deadline.kind === 'date'
            ? { signOnDeadline: atLocalTime(deadline.date, '23:59', this.config.rules.timezone).toISOString() }
            : {}),
        });
        return this.pages.redirect(request, reply, `/workspace/letters/${id}/approvals?invited=1`);
      } catch (error) {
        if (!(error instanceof CommunicationException) || error.code === CommunicationErrorCode.NotDraft) {
          throw error;
        }
        errors.push(
          error.code === CommunicationErrorCode.InvalidDeadline
            ? { field: 'deadline-day', message: 'letters.error.deadline.past' }
            : error.code === CommunicationErrorCode.AlreadyOnLetter
              ? { field: 'mandates', message: 'letters.error.invite.already' }
              : { field: 'mandates', message: 'letters.error.invite.refused' },
        );
      }
    }
    await this.showApprovals(request, reply, letter, chosen, deadlineInput, errors, false, 422);
  }

  // ---- sending ----

  @Get(':id/send')
  @LoginRequired(Role.Assistant)
  async confirmSend(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const letter = await this.leadLetter(request, id);
    if (letter.status !== 'draft') {
      return this.pages.redirect(request, reply, `/workspace/letters/${id}`);
    }
    await this.showSend(request, reply, letter, []);
  }

  @Post(':id/send')
  @LoginRequired(Role.Assistant)
  async send(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const letter = await this.leadLetter(request, id);
    if (letter.status !== 'draft') {
      return this.pages.redirect(request, reply, `/workspace/letters/${id}`);
    }
    try {
      await this.transmission.transmit(this.user(request), id);
      return this.pages.redirect(request, reply, `/workspace/letters/${id}?sent=1`);
    } catch (error) {
      if (error instanceof CommunicationException && error.code === CommunicationErrorCode.MissingApprovals) {
        return this.showSend(
          request,
          reply,
          letter,
          [{ field: 'missing', message: 'letters.error.send.approvals' }],
          409,
        );
      }
      throw error;
    }
  }

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
    await this.drafting.abandon(this.user(request), id, { reason: form.reason });
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
        await this.extensions.extendReplyDeadline(this.user(request), id, {
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
          this.user(request),
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

  // ---- the timeline ----

  @Get(':id/timeline')
  async timeline(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const letter = await this.letter(request, id);
    const events = await this.timelines.timeline(this.user(request), id);
    const mails = await this.timelines.mails(this.user(request), id);
    const model = timelineView(
      letter,
      events,
      await this.reference.listMandates(true),
      this.pages.context(request),
      mails,
    );
    this.render(request, reply, 'timeline', 'letters.timeline.title', model, []);
  }

  // ---- helpers ----

  private user(request: PageRequest): UserActor {
    const user = this.pages.stateOf(request).user;
    if (!user) {
      throw new PageNotFoundException();
    }
    return user;
  }

  /** The letter as the person may read it (`GET /communications/{id}`): else the 404 page. */
  private async letter(request: PageRequest, id: string): Promise<CommunicationDto> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    return this.drafting.get(this.user(request), id);
  }

  /** The letter, for an assistant of its lead mandate (inviting, sending): anyone else sees the 404 page. */
  private async leadLetter(request: PageRequest, id: string): Promise<CommunicationDto> {
    const letter = await this.letter(request, id);
    const lead = (await this.reference.listMandates(true)).find((mandate) => mandate.code === letter.leadMandate);
    if (!lead || !this.user(request).mandateIds.includes(lead.id)) {
      throw new PageNotFoundException();
    }
    return letter;
  }

  private async isLeadAssistant(request: PageRequest, letter: CommunicationDto, mandates: MandateDto[]) {
    const user = this.user(request);
    const lead = mandates.find((mandate) => mandate.code === letter.leadMandate);
    return user.role === Role.Assistant && !!lead && user.mandateIds.includes(lead.id);
  }

  private async showApprovals(
    request: PageRequest,
    reply: FastifyReply,
    letter: CommunicationDto,
    chosen: string[],
    deadline: DateInput,
    errors: LetterFormError[],
    invited: boolean,
    status = 200,
  ): Promise<void> {
    const mandates = await this.reference.listMandates(true);
    const canInvite = letter.status === 'draft' && (await this.isLeadAssistant(request, letter, mandates));
    const context = this.pages.context(request);
    const model = approvalsView(
      {
        letter,
        mandates,
        canInvite,
        chosen,
        deadline,
        errors,
        notice: invited ? context.t('letters.approvals.invited') : null,
      },
      context,
    );
    this.render(request, reply, 'approvals', 'letters.approvals.title', model, errors, status);
  }

  private async showSend(
    request: PageRequest,
    reply: FastifyReply,
    letter: CommunicationDto,
    errors: LetterFormError[],
    status = 200,
  ): Promise<void> {
    const preview = await this.transmission.preview(this.user(request), letter.id);
    const model = sendView(
      { letter, preview, mandates: await this.reference.listMandates(true), errors },
      this.pages.context(request),
    );
    this.render(request, reply, 'send', 'letters.send.title', model, errors, status);
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
    const letter = await this.letter(request, id);
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
    this.render(request, reply, which, `letters.${which}.title`, model, errors, errors.length > 0 ? 422 : 200);
  }

  private render(
    request: PageRequest,
    reply: FastifyReply,
    view: string,
    key: string,
    model: unknown,
    errors: unknown[],
    status = 200,
  ): void {
    const title =
      errors.length > 0
        ? { key: 'letters.title.error', values: { title: this.pages.context(request).t(key) } }
        : { key };
    this.pages.render(request, reply, `pages/workspace/letters/${view}`, title, model, status);
  }
}
