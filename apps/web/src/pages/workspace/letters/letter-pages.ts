import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { UserActor } from '@spcomms/access';
import { CommunicationDto, DraftingService } from '@spcomms/communications';
import { ReferenceService } from '@spcomms/reference';
import { PageNotFoundException } from '../../../errors/page.exceptions';
import { Pages } from '../../../render/pages';
import { PageRequest } from '../../../session/page-request';
import { UUID } from '../workspace-letter.controller';

/**
 * What the pages of one letter share: the person, the letter as they may read it (else the 404 page),
 * and the rendering of a letter page with its title.
 */
@Injectable()
export class LetterPages {
  constructor(
    private readonly pages: Pages,
    private readonly drafting: DraftingService,
    private readonly reference: ReferenceService,
  ) {}

  user(request: PageRequest): UserActor {
    const user = this.pages.stateOf(request).user;
    if (!user) {
      throw new PageNotFoundException();
    }
    return user;
  }

  /** The letter as the person may read it (`GET /communications/{id}`): else the 404 page. */
  async letter(request: PageRequest, id: string): Promise<CommunicationDto> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    return this.drafting.get(this.user(request), id);
  }

  /** The letter, for an assistant of its lead mandate (inviting, sending): anyone else sees the 404 page. */
  async leadLetter(request: PageRequest, id: string): Promise<CommunicationDto> {
    const letter = await this.letter(request, id);
    const lead = (await this.reference.listMandates(true)).find((mandate) => mandate.code === letter.leadMandate);
    if (!lead || !this.user(request).mandateIds.includes(lead.id)) {
      throw new PageNotFoundException();
    }
    return letter;
  }

  render(
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
