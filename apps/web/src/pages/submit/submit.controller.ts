import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { PublicActor } from '@spcomms/access';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { ReferenceException, ReferenceService } from '@spcomms/reference';
import {
  ContentProblem,
  RECEIPT_CODE_PATTERN,
  SubmissionErrorCode,
  SubmissionException,
  SubmissionsService,
} from '@spcomms/submissions';
import { PublicRateLimit } from '../../../../api/src/rate-limit/public-rate-limit.decorator';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { single } from '../date-fields';
import {
  FormError,
  MAX_ROWS,
  SubmitForm,
  checkSubmission,
  emptySubmitForm,
  fieldOf,
  readSubmitForm,
  withAnotherRow,
} from './submit-form';
import { SubmitView, submitView } from './submit.view';

/**
 * `/{lang}/submit`: the public intake form (the online questionnaire of the submissions service, with
 * its rules, C1), and `/{lang}/submit/done?receipt=SP-…`, the confirmation with the receipt code. The
 * form carries the CSRF token of the site like every form that changes something.
 */
@PageController('submit')
export class SubmitController {
  constructor(
    private readonly pages: Pages,
    private readonly submissions: SubmissionsService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  form(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.show(request, reply, emptySubmitForm(), []);
  }

  @Post()
  @PublicRateLimit()
  async submit(
    @Req() request: PageRequest,
    @Body() body: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = readSubmitForm(body ?? {});
    const action = single(body?.action);
    if (action === 'add-victim' || action === 'add-perpetrator') {
      return this.show(request, reply, withAnotherRow(form, action === 'add-victim' ? 'victim' : 'perpetrator'), []);
    }
    const today = calendarDateIn(this.clock.now(), this.config.rules.timezone);
    const { dto, errors } = await checkSubmission(form, today);
    if (errors.length > 0) {
      return this.show(request, reply, form, errors, 422);
    }
    try {
      const actor: PublicActor = { kind: 'public', ip: request.ip };
      const receipt = await this.submissions.submit(actor, dto);
      return this.pages.redirect(request, reply, `/submit/done?receipt=${encodeURIComponent(receipt.receiptCode)}`);
    } catch (error) {
      if (error instanceof ReferenceException) {
        // The only reference the intake checks is the State.
        return this.show(
          request,
          reply,
          form,
          [{ field: 'stateCode', message: 'submit.error.stateCode.unknown' }],
          422,
        );
      }
      if (!(error instanceof SubmissionException)) {
        throw error;
      }
      return this.show(request, reply, form, this.errorsOf(error, form), 422);
    }
  }

  @Get('done')
  done(@Req() request: PageRequest, @Query('receipt') receipt: unknown, @Res() reply: FastifyReply): void {
    const code = single(receipt);
    if (!RECEIPT_CODE_PATTERN.test(code)) {
      throw new PageNotFoundException();
    }
    this.pages.render(request, reply, 'pages/submit/done', 'submit.done.title', { receipt: code });
  }

  private async show(
    request: PageRequest,
    reply: FastifyReply,
    form: SubmitForm,
    errors: FormError[],
    status = 200,
  ): Promise<void> {
    const [states, mandates] = [await this.reference.listStates(), await this.reference.listMandates()];
    this.pages.render<SubmitView>(
      request,
      reply,
      'pages/submit/index',
      errors.length > 0 ? 'submit.title.error' : 'submit.title',
      submitView({ form, errors, states, mandates, maxRows: MAX_ROWS }, this.pages.context(request)),
      status,
    );
  }

  /** The service's refusals, on the fields they concern. */
  private errorsOf(error: SubmissionException, form: SubmitForm): FormError[] {
    switch (error.code) {
      case SubmissionErrorCode.NotAState:
        return [{ field: 'stateCode', message: 'submit.error.stateCode.unknown' }];
      case SubmissionErrorCode.UnknownMandate:
        return [{ field: 'mandates', message: 'submit.error.mandates.unknown' }];
      default: {
        const problems = Array.isArray(error.details) ? (error.details as ContentProblem[]) : [];
        return problems.length > 0
          ? problems.map((problem) => ({ field: fieldOf(problem.field, form), message: 'submit.error.invalid' }))
          : [{ field: 'description', message: 'submit.error.invalid' }];
      }
    }
  }
}
