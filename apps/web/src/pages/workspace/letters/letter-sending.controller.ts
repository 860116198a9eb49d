import { Get, Param, Post, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import {
  CommunicationDto,
  CommunicationErrorCode,
  CommunicationException,
  TransmissionService,
} from '@spcomms/communications';
import { ReferenceService } from '@spcomms/reference';
import { Pages } from '../../../render/pages';
import { LoginRequired } from '../../../session/page-access';
import { PageRequest } from '../../../session/page-request';
import { PageController } from '../../../session/page.decorators';
import { LetterFormError } from './letter-form';
import { LetterPages } from './letter-pages';
import { sendView } from './letter-steps.view';

/**
 * The sending of one letter: `/send` (the confirmation, then sending).
 * Each calls the service of its API operation with the person as actor, so a letter of another
 * mandate is the 404 page.
 */
@PageController('workspace/letters')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class LetterSendingController {
  constructor(
    private readonly pages: Pages,
    private readonly letters: LetterPages,
    private readonly transmission: TransmissionService,
    private readonly reference: ReferenceService,
  ) {}

  @Get(':id/send')
  @LoginRequired(Role.Assistant)
  async confirmSend(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const letter = await this.letters.leadLetter(request, id);
    if (letter.status !== 'draft') {
      return this.pages.redirect(request, reply, `/workspace/letters/${id}`);
    }
    await this.showSend(request, reply, letter, []);
  }

  @Post(':id/send')
  @LoginRequired(Role.Assistant)
  async send(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const letter = await this.letters.leadLetter(request, id);
    if (letter.status !== 'draft') {
      return this.pages.redirect(request, reply, `/workspace/letters/${id}`);
    }
    try {
      await this.transmission.transmit(this.letters.user(request), id);
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

  private async showSend(
    request: PageRequest,
    reply: FastifyReply,
    letter: CommunicationDto,
    errors: LetterFormError[],
    status = 200,
  ): Promise<void> {
    const preview = await this.transmission.preview(this.letters.user(request), letter.id);
    const model = sendView(
      { letter, preview, mandates: await this.reference.listMandates(true), errors },
      this.pages.context(request),
    );
    this.letters.render(request, reply, 'send', 'letters.send.title', model, errors, status);
  }
}
