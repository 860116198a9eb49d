import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role, UserActor } from '@spcomms/access';
import { AuthService } from '@spcomms/accounts';
import {
  CommunicationErrorCode,
  CommunicationException,
  DraftingService,
  LetterLookupService,
  SigningService,
} from '@spcomms/communications';
import { VisitsService } from '@spcomms/visits';
import { FormError, formErrors, textField } from '../../forms/form-errors';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { UUID } from '../workspace/workspace-letter.controller';
import { decideView, decisionsView, holderMandatesView, lastDecidedVersion } from './decisions.view';

const DONE = ['approve', 'decline'] as const;
const NOTE_MAX = 2000;
/** A cursor as the lists make it: base64url, short. */
const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

/** The refusals of a decision the page explains in words (all are 422 on the page, never 500). */
const DECISION_ERRORS: Partial<Record<string, string>> = {
  [CommunicationErrorCode.NotCurrentVersion]: 'decisions.error.stale',
  [CommunicationErrorCode.AlreadyDecided]: 'decisions.error.already',
  [CommunicationErrorCode.NotDraft]: 'decisions.error.notDraft',
  [CommunicationErrorCode.NotInvited]: 'decisions.error.notInvited',
  [CommunicationErrorCode.AmbiguousMandate]: 'decisions.error.mandate',
};

/**
 * A mandate-holder's decisions: `/{lang}/workspace/decisions` lists the drafts awaiting their decision
 * (`GET /communications/awaiting-my-decision`), `/{lang}/workspace/decisions/{id}` shows the exact
 * version with the change since the version their mandate last decided on and approves or declines it
 * (`POST /communications/{id}/decisions`, bound to the version number the page was opened with).
 */
@PageController('workspace')
@LoginRequired(Role.MandateHolder)
export class DecisionsController {
  constructor(
    private readonly pages: Pages,
    private readonly lookup: LetterLookupService,
    private readonly drafting: DraftingService,
    private readonly signing: SigningService,
    private readonly auth: AuthService,
    private readonly visits: VisitsService,
  ) {}

  @Get('decisions')
  async list(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('cursor') cursor?: string,
    @Query('done') done?: string,
  ): Promise<void> {
    const actor = this.pages.actorOf(request);
    const page = await this.lookup.awaitingDecision(actor, {
      cursor: cursor && CURSOR.test(cursor) ? cursor : undefined,
    });
    const notice = (DONE as readonly string[]).includes(done ?? '') ? `decisions.done.${done}` : null;
    this.pages.render(
      request,
      reply,
      'pages/decisions/index',
      'decisions.list.title',
      decisionsView(page.items, page.nextCursor, this.pages.context(request), notice),
    );
  }

  @Get('mandates')
  async mandates(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('letters') letters?: string,
    @Query('visits') visits?: string,
  ): Promise<void> {
    const actor = this.pages.actorOf(request);
    const lettersCursor = letters && CURSOR.test(letters) ? letters : undefined;
    const visitsCursor = visits && CURSOR.test(visits) ? visits : undefined;
    const [letterPage, visitPage] = await Promise.all([
      this.drafting.list(actor, { cursor: lettersCursor, limit: 50 }),
      this.visits.list(actor, { cursor: visitsCursor, limit: 50 }),
    ]);
    this.pages.render(
      request,
      reply,
      'pages/decisions/mandates',
      'decisions.mandates.title',
      holderMandatesView(
        letterPage,
        visitPage,
        { letters: lettersCursor, visits: visitsCursor },
        this.pages.context(request),
      ),
    );
  }

  @Get('decisions/:id')
  async decision(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    await this.show(request, reply, this.idOf(id));
  }

  @Post('decisions/:id')
  async decide(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const letterId = this.idOf(id);
    const { lang } = this.pages.stateOf(request);
    const t = (key: string, values?: Record<string, number>) => this.pages.t(lang, key, values);
    const form = {
      decision: textField(request.body, 'decision'),
      note: textField(request.body, 'note'),
      mandate: textField(request.body, 'mandate'),
    };
    const version = Number(textField(request.body, 'version'));
    const errors: FormError[] = [
      ...(['approve', 'decline'].includes(form.decision)
        ? []
        : [{ field: 'decision', text: t('decisions.error.decision') }]),
      ...(form.decision === 'decline' && form.note === ''
        ? [{ field: 'note', text: t('decisions.error.noteNeeded') }]
        : []),
      ...(form.note.length > NOTE_MAX
        ? [{ field: 'note', text: t('decisions.error.noteLength', { max: NOTE_MAX }) }]
        : []),
      ...(/^[A-Z0-9_-]{0,40}$/.test(form.mandate) ? [] : [{ field: 'mandate', text: t('decisions.error.mandate') }]),
    ];
    if (!Number.isInteger(version) || version < 1) {
      errors.push({ field: 'decision', text: t('decisions.error.stale') });
    }
    if (errors.length > 0) {
      await this.show(request, reply, letterId, { form, errors, status: 422 });
      return;
    }
    try {
      await this.signing.decide(this.pages.actorOf(request), letterId, {
        version,
        decision: form.decision as 'approve' | 'decline',
        ...(form.mandate ? { mandate: form.mandate } : {}),
        ...(form.note ? { note: form.note } : {}),
      });
    } catch (error) {
      const key = error instanceof CommunicationException ? DECISION_ERRORS[error.code] : undefined;
      if (!key || !(error instanceof CommunicationException)) {
        throw error;
      }
      const stale = error.code === CommunicationErrorCode.NotCurrentVersion;
      await this.show(request, reply, letterId, {
        form: stale ? { ...form, decision: '' } : form,
        errors: [
          { field: error.code === CommunicationErrorCode.AmbiguousMandate ? 'mandate' : 'decision', text: t(key) },
        ],
        status: 422,
        stale: stale ? t('decisions.error.staleDetail', { version }) : null,
      });
      return;
    }
    this.pages.redirect(request, reply, `/workspace/decisions?done=${form.decision}`);
  }

  private idOf(id: string): string {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    return id;
  }

  private async show(
    request: PageRequest,
    reply: FastifyReply,
    id: string,
    state: {
      form?: { decision: string; note: string; mandate: string };
      errors?: FormError[];
      status?: number;
      stale?: string | null;
    } = {},
  ): Promise<void> {
    const actor = this.pages.actorOf(request);
    const letter = await this.drafting.get(actor, id);
    const codes = (await this.auth.me(actor as UserActor)).mandates;
    const current = await this.drafting.getVersion(actor, id, letter.currentVersion.number);
    const seen = lastDecidedVersion(letter, codes);
    const previous = seen === null ? null : await this.drafting.getVersion(actor, id, seen);
    const model = decideView(
      {
        letter,
        current,
        previous,
        codes,
        form: state.form,
        errors: state.errors ? formErrors(state.errors) : undefined,
        stale: state.stale,
      },
      this.pages.context(request),
    );
    this.pages.render(
      request,
      reply,
      'pages/decisions/decide',
      { key: 'decisions.decide.title', values: { subject: model.subject } },
      model,
      state.status ?? 200,
    );
  }
}
