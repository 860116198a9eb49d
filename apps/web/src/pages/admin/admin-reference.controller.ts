import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { TransactionHost } from '@spcomms/database';
import { RecipientsService } from '@spcomms/notifications';
import { MandateHoldersService, ReferenceErrorCode, ReferenceException, ReferenceService } from '@spcomms/reference';
import { readDateField } from '../../forms/date-field';
import { FormError, formErrors, textField } from '../../forms/form-errors';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { UUID } from '../workspace/workspace-letter.controller';
import { AdminMandateView, adminMandateView, adminMandatesView, adminStateView, adminStatesView } from './admin.view';

const STATE = /^[A-Z]{3}$/;
const MANDATE_DONE = ['holder', 'renewed', 'ended'] as const;
const STATE_DONE = ['issued', 'withdrawn'] as const;

/** The refusals of the reference data the pages explain (422 on the page). */
const REFERENCE_ERRORS: Partial<Record<string, string>> = {
  [ReferenceErrorCode.ThirdTerm]: 'admin.mandates.error.thirdTerm',
  [ReferenceErrorCode.TermOverlap]: 'admin.mandates.error.overlap',
  [ReferenceErrorCode.MandateEnded]: 'admin.mandates.error.ended',
  [ReferenceErrorCode.StandingInvitationExists]: 'admin.states.error.exists',
  [ReferenceErrorCode.NoStandingInvitation]: 'admin.states.error.none',
};

/**
 * The reference data administrators keep: `/{lang}/admin/mandates` (mandates, their holders and
 * terms: `GET /reference/mandates…`, `POST /reference/mandate-holders`, `…/terms`,
 * `POST /reference/mandate-terms/{id}/end`) and `/{lang}/admin/states` (focal points, standing
 * invitations: `POST /reference/states/{code}/standing-invitation[/withdraw]`).
 */
@PageController('admin')
@LoginRequired(Role.Admin)
export class AdminReferenceController {
  constructor(
    private readonly pages: Pages,
    private readonly reference: ReferenceService,
    private readonly holders: MandateHoldersService,
    private readonly recipients: RecipientsService,
    private readonly tx: TransactionHost,
  ) {}

  @Get('mandates')
  async mandates(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const mandates = await this.reference.listMandates(true);
    this.pages.render(
      request,
      reply,
      'pages/admin/mandates',
      'admin.mandates.title',
      adminMandatesView(mandates, this.pages.context(request)),
    );
  }

  @Get('mandates/:id')
  async mandate(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query('done') done?: string,
  ): Promise<void> {
    const notice = (MANDATE_DONE as readonly string[]).includes(done ?? '') ? `admin.mandates.done.${done}` : null;
    await this.showMandate(request, reply, this.uuid(id), { notice });
  }

  /** A new holder with their first term, in one transaction (two API calls: create the holder, add the term). */
  @Post('mandates/:id/holders')
  async addHolder(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const mandateId = this.uuid(id);
    const { lang } = this.pages.stateOf(request);
    const t = (key: string) => this.pages.t(lang, key);
    const name = textField(request.body, 'holder-name');
    const startsOn = readDateField(request.body, 'starts-on');
    const errors: FormError[] = [
      ...(name.length >= 2 && name.length <= 200
        ? []
        : [{ field: 'holder-name', text: t('admin.mandates.error.name') }]),
      ...(startsOn.value ? [] : [{ field: 'starts-on-day', text: t(`error.date.${startsOn.problem}`) }]),
    ];
    const form: AdminMandateView['form'] = { name, startsOn: startsOn.parts };
    if (errors.length > 0) {
      await this.showMandate(request, reply, mandateId, { form, errors });
      return;
    }
    const actor = this.pages.actorOf(request);
    const refused = await this.refusal(() =>
      this.tx.run(async () => {
        const holder = await this.holders.createHolder(actor, { name });
        await this.holders.addTerm(actor, holder.id, { mandateId, startsOn: startsOn.value! });
      }),
    );
    if (refused) {
      await this.showMandate(request, reply, mandateId, {
        form,
        errors: [{ field: 'starts-on-day', text: t(refused) }],
      });
      return;
    }
    this.pages.redirect(request, reply, `/admin/mandates/${mandateId}?done=holder`);
  }

  @Post('mandates/:id/holders/:holderId/terms')
  async renew(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('holderId') holderId: string,
  ): Promise<void> {
    const mandateId = this.uuid(id);
    const field = `renew-${this.uuid(holderId)}`;
    const startsOn = readDateField(request.body, field);
    const { lang } = this.pages.stateOf(request);
    if (!startsOn.value) {
      await this.showMandate(request, reply, mandateId, {
        errors: [{ field: `${field}-day`, text: this.pages.t(lang, `error.date.${startsOn.problem}`) }],
      });
      return;
    }
    const refused = await this.refusal(() =>
      this.holders.addTerm(this.pages.actorOf(request), holderId, { mandateId, startsOn: startsOn.value! }),
    );
    if (refused) {
      await this.showMandate(request, reply, mandateId, {
        errors: [{ field: `${field}-day`, text: this.pages.t(lang, refused) }],
      });
      return;
    }
    this.pages.redirect(request, reply, `/admin/mandates/${mandateId}?done=renewed`);
  }

  @Post('mandates/:id/terms/:termId/end')
  async endTerm(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('termId') termId: string,
  ): Promise<void> {
    const mandateId = this.uuid(id);
    const field = `end-${this.uuid(termId)}`;
    const endedOn = readDateField(request.body, field);
    if (!endedOn.value) {
      const { lang } = this.pages.stateOf(request);
      await this.showMandate(request, reply, mandateId, {
        errors: [{ field: `${field}-day`, text: this.pages.t(lang, `error.date.${endedOn.problem}`) }],
      });
      return;
    }
    await this.holders.endTerm(this.pages.actorOf(request), termId, { endedOn: endedOn.value });
    this.pages.redirect(request, reply, `/admin/mandates/${mandateId}?done=ended`);
  }

  @Get('states')
  async states(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const states = await this.reference.listStates();
    this.pages.render(
      request,
      reply,
      'pages/admin/states',
      'admin.states.title',
      adminStatesView(states, this.pages.context(request)),
    );
  }

  @Get('states/:code')
  async state(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('code') code: string,
    @Query('done') done?: string,
  ): Promise<void> {
    const notice = (STATE_DONE as readonly string[]).includes(done ?? '') ? `admin.states.done.${done}` : null;
    await this.showState(request, reply, this.stateCode(code), { notice });
  }

  @Post('states/:code/invitation')
  async invitation(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('code') code: string,
  ): Promise<void> {
    const stateCode = this.stateCode(code);
    const { lang } = this.pages.stateOf(request);
    const action = textField(request.body, 'action') === 'withdraw' ? 'withdraw' : 'issue';
    const day = readDateField(request.body, 'on');
    if (!day.value) {
      await this.showState(request, reply, stateCode, {
        form: day.parts,
        errors: [{ field: 'on-day', text: this.pages.t(lang, `error.date.${day.problem}`) }],
      });
      return;
    }
    const actor = this.pages.actorOf(request);
    const refused = await this.refusal(() =>
      action === 'issue'
        ? this.reference.issueStandingInvitation(actor, stateCode, { issuedOn: day.value! })
        : this.reference.withdrawStandingInvitation(actor, stateCode, { withdrawnOn: day.value! }),
    );
    if (refused) {
      await this.showState(request, reply, stateCode, {
        form: day.parts,
        errors: [{ field: 'on-day', text: this.pages.t(lang, refused) }],
      });
      return;
    }
    this.pages.redirect(
      request,
      reply,
      `/admin/states/${stateCode}?done=${action === 'issue' ? 'issued' : 'withdrawn'}`,
    );
  }

  private uuid(id: string): string {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    return id;
  }

  private stateCode(code: string): string {
    if (!STATE.test(code)) {
      throw new PageNotFoundException();
    }
    return code;
  }

  /** Runs a change; answers the catalogue key of a refusal the page explains, or null when done. */
  private async refusal(work: () => Promise<unknown>): Promise<string | null> {
    try {
      await work();
      return null;
    } catch (error) {
      const key = error instanceof ReferenceException ? REFERENCE_ERRORS[error.code] : undefined;
      if (!key) {
        throw error;
      }
      return key;
    }
  }

  private async showMandate(
    request: PageRequest,
    reply: FastifyReply,
    id: string,
    state: { form?: AdminMandateView['form']; errors?: FormError[]; notice?: string | null },
  ): Promise<void> {
    const mandate = await this.reference.getMandate(id);
    const holders = await this.holders.listHolders(id);
    const context = this.pages.context(request);
    this.pages.render(
      request,
      reply,
      'pages/admin/mandate',
      { key: 'admin.mandates.one', values: { code: mandate.code } },
      adminMandateView(mandate, holders, context, {
        form: state.form,
        errors: state.errors ? formErrors(state.errors) : undefined,
        notice: state.notice ? context.t(state.notice) : null,
      }),
      state.errors && state.errors.length > 0 ? 422 : 200,
    );
  }

  private async showState(
    request: PageRequest,
    reply: FastifyReply,
    code: string,
    extra: { form?: { day: string; month: string; year: string }; errors?: FormError[]; notice?: string | null },
  ): Promise<void> {
    const state = await this.reference.getState(code);
    if (state.status === 'pseudo') {
      throw new PageNotFoundException();
    }
    const focalPoints = (await this.recipients.focalPointsOf([code])).get(code) ?? [];
    const context = this.pages.context(request);
    this.pages.render(
      request,
      reply,
      'pages/admin/state',
      { key: 'admin.states.one', values: { name: context.format.country(state.code, state.name) } },
      adminStateView(
        state,
        focalPoints.map((user) => ({
          username: user.username,
          displayName: user.displayName,
          email: user.email,
          language: user.language,
        })),
        context,
        {
          form: extra.form,
          errors: extra.errors ? formErrors(extra.errors) : undefined,
          notice: extra.notice ? context.t(extra.notice) : null,
        },
      ),
      extra.errors && extra.errors.length > 0 ? 422 : 200,
    );
  }
}
