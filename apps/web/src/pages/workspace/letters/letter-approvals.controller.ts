import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { atLocalTime } from '@spcomms/clock';
import {
  CommunicationDto,
  CommunicationErrorCode,
  CommunicationException,
  SigningService,
} from '@spcomms/communications';
import { AppConfig } from '@spcomms/config';
import { MandateDto, ReferenceService } from '@spcomms/reference';
import { Pages } from '../../../render/pages';
import { LoginRequired } from '../../../session/page-access';
import { PageRequest } from '../../../session/page-request';
import { PageController } from '../../../session/page.decorators';
import { DateInput, dateInput, many, parseDate, single } from '../../date-fields';
import { LetterFormError } from './letter-form';
import { LetterPages } from './letter-pages';
import { approvalsView } from './letter-steps.view';

/**
 * The approvals of one letter: `/approvals` and the invitation of co-signing mandates.
 * Each calls the service of its API operation with the person as actor, so a letter of another
 * mandate is the 404 page.
 */
@PageController('workspace/letters')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class LetterApprovalsController {
  constructor(
    private readonly pages: Pages,
    private readonly letters: LetterPages,
    private readonly signing: SigningService,
    private readonly reference: ReferenceService,
    private readonly config: AppConfig,
  ) {}

  @Get(':id/approvals')
  async approvals(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query('invited') invited: unknown,
  ): Promise<void> {
    const letter = await this.letters.letter(request, id);
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
    const user = this.letters.user(request);
    const letter = await this.letters.leadLetter(request, id);
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

  private async isLeadAssistant(request: PageRequest, letter: CommunicationDto, mandates: MandateDto[]) {
    const user = this.letters.user(request);
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
    this.letters.render(request, reply, 'approvals', 'letters.approvals.title', model, errors, status);
  }
}
