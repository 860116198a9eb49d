import { Get, Param, Post, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import {
  ContentProblem,
  EDITABLE_STATUSES,
  SubmissionDto,
  SubmissionErrorCode,
  SubmissionException,
  SubmissionsService,
} from '@spcomms/submissions';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { FormError } from '../../forms/form-errors';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { UUID } from './workspace-letter.controller';
import { SubmissionEditForm, editFormOf, problemField, readEditForm, submissionEditView } from './submission-edit';

/**
 * `/{lang}/workspace/submissions/{id}/edit`: an assistant corrects the facts of a received or
 * screened submission (description, place, dates, law or policy, victims, perpetrators) with
 * `SubmissionsService.update`, the service of `PATCH /submissions/{id}`. The source is not on this page.
 */
@PageController('workspace/submissions')
@LoginRequired(Role.Assistant)
export class WorkspaceSubmissionEditController {
  constructor(
    private readonly pages: Pages,
    private readonly submissions: SubmissionsService,
  ) {}

  @Get(':id/edit')
  async show(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const submission = await this.load(request, id);
    this.render(request, reply, submission, editFormOf(submission), []);
  }

  @Post(':id/edit')
  async save(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const submission = await this.load(request, id);
    const { lang } = this.pages.stateOf(request);
    const t = (key: string) => this.pages.t(lang, key);
    const { form, dto, errors } = await readEditForm(request.body, t);
    if (!dto) {
      return this.render(request, reply, submission, form, errors, 422);
    }
    try {
      await this.submissions.update(this.pages.actorOf(request), submission.id, dto);
    } catch (error) {
      if (error instanceof SubmissionException && error.code === SubmissionErrorCode.Incomplete) {
        const problems = (Array.isArray(error.details) ? error.details : []) as ContentProblem[];
        const found: FormError[] = [];
        for (const problem of problems) {
          const { field, key } = problemField(problem.field);
          if (!found.some((known) => known.field === field)) {
            found.push({ field, text: t(`screening.edit.error.${key}`) });
          }
        }
        return this.render(request, reply, submission, form, found, 422);
      }
      if (error instanceof SubmissionException) {
        return this.render(
          request,
          reply,
          submission,
          form,
          [{ field: 'description', text: t('screening.edit.error.status') }],
          409,
        );
      }
      throw error;
    }
    this.pages.redirect(request, reply, `/workspace/submissions/${submission.id}?done=edited`);
  }

  private async load(request: PageRequest, id: string): Promise<SubmissionDto> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    const submission = await this.submissions.get(this.pages.actorOf(request), id);
    if (!(EDITABLE_STATUSES as readonly string[]).includes(submission.status)) {
      throw new PageNotFoundException();
    }
    return submission;
  }

  private render(
    request: PageRequest,
    reply: FastifyReply,
    submission: SubmissionDto,
    form: SubmissionEditForm,
    errors: FormError[],
    status = 200,
  ): void {
    const model = submissionEditView({ submission, form, errors }, this.pages.context(request));
    this.pages.render(
      request,
      reply,
      'pages/screening/edit',
      {
        key: errors.length > 0 ? 'screening.edit.titleError' : 'screening.edit.title',
        values: { receipt: submission.receiptCode },
      },
      model,
      status,
    );
  }
}
