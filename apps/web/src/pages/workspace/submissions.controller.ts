import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role, UserActor } from '@spcomms/access';
import { CommunicationException, CommunicationSummaryDto, DraftingService } from '@spcomms/communications';
import { DomainException } from '@spcomms/errors';
import { MandateDto, ReferenceService } from '@spcomms/reference';
import {
  SCREENING_CRITERIA,
  SUBMISSION_STATUSES,
  SubmissionDto,
  SubmissionException,
  SubmissionStatus,
  SubmissionsService,
} from '@spcomms/submissions';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { FormError, listField, textField } from '../../forms/form-errors';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { single } from '../date-fields';
import { UUID } from './workspace-letter.controller';
import { ScreeningForm, emptyScreeningForm, submissionPageView, submissionsListView } from './submissions.view';
import { draftFromSubmission } from './submission-draft';

const MANDATE = /^[A-Z][A-Z0-9_]{1,19}$/;
const NOTICES = ['screened', 'rejected', 'mandates', 'edited', 'linked'] as const;

/**
 * `/{lang}/workspace/submissions`: the inbox of the person's mandates with filters, and
 * `/{lang}/workspace/submissions/{id}`: one submission with its source (shown here only, C14), the
 * screening form (C1–C4), its mandates, rejection, and a letter started from it. Every read and write
 * goes through SubmissionsService and DraftingService with the person as actor, as the API does.
 */
@PageController('workspace/submissions')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class WorkspaceSubmissionsController {
  constructor(
    private readonly pages: Pages,
    private readonly submissions: SubmissionsService,
    private readonly drafting: DraftingService,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  async list(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const status = single(query.status);
    const mandate = single(query.mandate);
    const cursor = single(query.cursor);
    const filters = {
      status: (SUBMISSION_STATUSES as readonly string[]).includes(status) ? status : '',
      mandate: MANDATE.test(mandate) ? mandate : '',
      triage: single(query.triage) === 'true',
    };
    const actor = this.pages.actorOf(request);
    const mandates = await this.myMandates(request);
    const page = await this.submissions
      .list(actor, {
        status: (filters.status || undefined) as SubmissionStatus | undefined,
        mandate: mandates.some((entry) => entry.code === filters.mandate) ? filters.mandate : undefined,
        triage: filters.triage || undefined,
        cursor: cursor && cursor.length < 200 ? cursor : undefined,
      })
      .catch((error: unknown) => {
        // A cursor that is not one this list gave: the first page.
        if (error instanceof SubmissionException) {
          return this.submissions.list(actor, {});
        }
        throw error;
      });
    const model = submissionsListView(
      { items: page.items, nextCursor: page.nextCursor, filters, mandates, cursor: cursor !== '' },
      this.pages.context(request),
    );
    this.pages.render(request, reply, 'pages/screening/list', 'screening.list.title', model);
  }

  @Get(':id')
  async show(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query('done') done?: string,
  ): Promise<void> {
    const submission = await this.load(request, id);
    const notice = (NOTICES as readonly string[]).includes(done ?? '') ? `screening.done.${done}` : null;
    await this.render(request, reply, submission, null, [], notice);
  }

  @Post(':id/screening')
  async screen(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const submission = await this.load(request, id);
    const actor = this.assistant(request);
    const form = this.formOf(request);
    const t = this.t(request);
    const errors: FormError[] = SCREENING_CRITERIA.filter((criterion) => form.criteria[criterion] === '').map(
      (criterion) => ({
        field: `criterion-${criterion}`,
        text: t('screening.error.criterion', { criterion: t(`screening.criterion.${criterion}`) }),
      }),
    );
    if (errors.length > 0) {
      return this.render(request, reply, submission, form, errors, null, 422);
    }
    try {
      await this.submissions.screen(actor, submission.id, {
        criteria: SCREENING_CRITERIA.map((criterion) => ({ criterion, passed: form.criteria[criterion] === 'pass' })),
      });
    } catch (error) {
      if (error instanceof SubmissionException) {
        return this.render(
          request,
          reply,
          submission,
          form,
          [{ field: 'screening', text: t('screening.error.status') }],
          null,
          409,
        );
      }
      throw error;
    }
    this.pages.redirect(request, reply, `/workspace/submissions/${submission.id}?done=screened`);
  }

  @Post(':id/reject')
  async reject(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const submission = await this.load(request, id);
    const actor = this.assistant(request);
    const form = this.formOf(request);
    const t = this.t(request);
    if (form.reason.length < 5 || form.reason.length > 5000) {
      return this.render(
        request,
        reply,
        submission,
        form,
        [{ field: 'reason', text: t('screening.error.reason') }],
        null,
        422,
      );
    }
    try {
      await this.submissions.reject(actor, submission.id, { reason: form.reason });
    } catch (error) {
      if (error instanceof SubmissionException) {
        return this.render(
          request,
          reply,
          submission,
          form,
          [{ field: 'reason', text: t('screening.error.status') }],
          null,
          409,
        );
      }
      throw error;
    }
    this.pages.redirect(request, reply, `/workspace/submissions/${submission.id}?done=rejected`);
  }

  @Post(':id/mandates')
  async assign(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const submission = await this.load(request, id);
    const actor = this.assistant(request);
    const form = this.formOf(request);
    const t = this.t(request);
    const known = new Set((await this.reference.listMandates()).map((mandate) => mandate.code));
    if (form.mandates.length === 0 || form.mandates.length > 10 || form.mandates.some((code) => !known.has(code))) {
      return this.render(
        request,
        reply,
        submission,
        form,
        [{ field: 'mandates', text: t('screening.error.mandates') }],
        null,
        422,
      );
    }
    try {
      await this.submissions.assignMandates(actor, submission.id, { mandates: form.mandates });
    } catch (error) {
      if (error instanceof SubmissionException) {
        return this.render(
          request,
          reply,
          submission,
          form,
          [{ field: 'mandates', text: t('screening.error.status') }],
          null,
          409,
        );
      }
      throw error;
    }
    // Given to a mandate the person does not work for, the submission leaves their inbox.
    const visible = await this.submissions.get(actor, submission.id).then(
      () => true,
      () => false,
    );
    this.pages.redirect(
      request,
      reply,
      visible ? `/workspace/submissions/${submission.id}?done=mandates` : '/workspace/submissions',
    );
  }

  @Post(':id/letter')
  async startLetter(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const submission = await this.load(request, id);
    const actor = this.assistant(request);
    const form = this.formOf(request);
    const t = this.t(request);
    const mine = (await this.myMandates(request)).map((mandate) => mandate.code);
    const errors: FormError[] = [
      ...(['UA', 'AL', 'OL'].includes(form.type) ? [] : [{ field: 'type', text: t('screening.error.type') }]),
      ...(['en', 'fr', 'es'].includes(form.language)
        ? []
        : [{ field: 'language', text: t('screening.error.language') }]),
      ...(mine.includes(form.leadMandate) ? [] : [{ field: 'leadMandate', text: t('screening.error.leadMandate') }]),
      ...(form.subject.length >= 3 && form.subject.length <= 500
        ? []
        : [{ field: 'subject', text: t('screening.error.subject') }]),
      ...(submission.stateCode ? [] : [{ field: 'type', text: t('screening.error.noState') }]),
    ];
    if (errors.length > 0) {
      return this.render(request, reply, submission, form, errors, null, 422);
    }
    try {
      const letter = await this.drafting.createDraft(actor, draftFromSubmission(submission, form));
      this.pages.redirect(request, reply, `/workspace/letters/${letter.id}/edit`);
    } catch (error) {
      if (error instanceof CommunicationException || error instanceof SubmissionException) {
        return this.render(
          request,
          reply,
          submission,
          form,
          [{ field: 'type', text: t('screening.error.draft') }],
          null,
          422,
        );
      }
      throw error;
    }
  }

  /** Links the screened submission to a draft of the person's mandates (`POST /communications/{id}/submissions`). */
  @Post(':id/link')
  async link(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const submission = await this.load(request, id);
    const actor = this.assistant(request);
    const form = this.formOf(request);
    const t = this.t(request);
    if (!UUID.test(form.draft)) {
      return this.render(
        request,
        reply,
        submission,
        form,
        [{ field: 'draft', text: t('screening.link.error.choose') }],
        null,
        422,
      );
    }
    try {
      await this.drafting.linkSubmission(actor, form.draft, { submissionId: submission.id });
    } catch (error) {
      // A draft that is gone, sent, abandoned or not one of the person's: the same words, no detail.
      if (error instanceof DomainException) {
        return this.render(
          request,
          reply,
          submission,
          form,
          [{ field: 'draft', text: t('screening.link.error.link') }],
          null,
          422,
        );
      }
      throw error;
    }
    this.pages.redirect(request, reply, `/workspace/submissions/${submission.id}?done=linked`);
  }

  // ---- helpers ----

  private async load(request: PageRequest, id: string): Promise<SubmissionDto> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    return this.submissions.get(this.pages.actorOf(request), id);
  }

  /** The forms are for assistants; a mandate-holder posting one sees the 404 page. */
  private assistant(request: PageRequest): UserActor {
    const user = this.pages.stateOf(request).user;
    if (!user || user.role !== Role.Assistant) {
      throw new PageNotFoundException();
    }
    return user;
  }

  private t(request: PageRequest) {
    const { lang } = this.pages.stateOf(request);
    return (key: string, values?: Record<string, string | number>) => this.pages.t(lang, key, values);
  }

  /** The drafts of the person's mandates a screened submission is not linked to yet (newest first). */
  private async draftsToLink(request: PageRequest, submission: SubmissionDto): Promise<CommunicationSummaryDto[]> {
    const user = this.pages.stateOf(request).user;
    if (!user || user.role !== Role.Assistant || submission.status !== 'screened') {
      return [];
    }
    const page = await this.drafting.list(user, { status: 'draft', limit: 100 });
    return page.items.filter((letter) => !submission.communicationIds.includes(letter.id));
  }

  private async myMandates(request: PageRequest): Promise<MandateDto[]> {
    const ids = new Set(this.pages.stateOf(request).user?.mandateIds ?? []);
    return (await this.reference.listMandates()).filter((mandate) => ids.has(mandate.id));
  }

  private formOf(request: PageRequest): ScreeningForm {
    const body = request.body;
    const criteria = Object.fromEntries(
      SCREENING_CRITERIA.map((criterion) => {
        const value = textField(body, `criterion-${criterion}`);
        return [criterion, value === 'pass' || value === 'fail' ? value : ''];
      }),
    );
    return {
      criteria,
      reason: textField(body, 'reason').slice(0, 6000),
      mandates: [...new Set(listField(body, 'mandates').map((code) => code.trim()))].slice(0, 20),
      type: textField(body, 'type'),
      language: textField(body, 'language'),
      leadMandate: textField(body, 'leadMandate'),
      subject: textField(body, 'subject').slice(0, 600),
      draft: textField(body, 'draft').slice(0, 100),
    };
  }

  private async render(
    request: PageRequest,
    reply: FastifyReply,
    submission: SubmissionDto,
    form: ScreeningForm | null,
    errors: FormError[],
    notice: string | null,
    status = 200,
  ): Promise<void> {
    const user = this.pages.stateOf(request).user!;
    const all = await this.reference.listMandates();
    const ids = new Set(user.mandateIds);
    const myMandateCodes = all.filter((mandate) => ids.has(mandate.id)).map((mandate) => mandate.code);
    const drafts = await this.draftsToLink(request, submission);
    const model = submissionPageView(
      {
        submission,
        drafts,
        mandates: all,
        myMandateCodes,
        assistant: user.role === Role.Assistant,
        form: form ?? emptyScreeningForm(submission, myMandateCodes),
        errors,
        notice,
      },
      this.pages.context(request),
    );
    this.pages.render(
      request,
      reply,
      'pages/screening/submission',
      {
        key: errors.length > 0 ? 'screening.submission.titleError' : 'screening.submission.title',
        values: { receipt: submission.receiptCode },
      },
      model,
      status,
    );
  }
}
