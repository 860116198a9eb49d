import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role, UserActor } from '@spcomms/access';
import {
  CommunicationDto,
  CommunicationErrorCode,
  CommunicationException,
  CommunicationSummaryDto,
  DraftingService,
  LetterLookupService,
  ListCommunicationsQueryDto,
} from '@spcomms/communications';
import { DomainException, ErrorKind } from '@spcomms/errors';
import { MandateDto, ReferenceService } from '@spcomms/reference';
import { PageNotFoundException } from '../../../errors/page.exceptions';
import { Pages } from '../../../render/pages';
import { LoginRequired } from '../../../session/page-access';
import { PageController } from '../../../session/page.decorators';
import { PageRequest } from '../../../session/page-request';
import { single } from '../../date-fields';
import { UUID } from '../workspace-letter.controller';
import {
  LetterForm,
  LetterFormError,
  MAX_ROWS,
  checkLetterForm,
  emptyLetterForm,
  letterFormOf,
  readLetterForm,
  withAnotherRow,
} from './letter-form';
import { contentErrorOf, isContentError, readLetterListFilters } from './letter-page-errors';
import { EditorView, editorView, letterListView } from './letters.view';

/**
 * `/{lang}/workspace/letters`: the letters of the person's mandates with filters and the search by
 * reference; `/new` and `/{id}/edit`: the draft editor. Each uses the service and actor of the API
 * operation it stands for (`GET /communications`, `GET /communications/by-reference/…`,
 * `POST /communications`, `PATCH /communications/{id}` with the revision the page was loaded with).
 */
@PageController('workspace/letters')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class WorkspaceLettersController {
  constructor(
    private readonly pages: Pages,
    private readonly drafting: DraftingService,
    private readonly lookup: LetterLookupService,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  async list(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const user = this.user(request);
    const mandates = await this.mandatesOf(user);
    const { filters, cursor, errors } = readLetterListFilters(query, mandates);
    let status = errors.length > 0 ? 422 : 200;
    if (filters.reference && status === 200) {
      try {
        const letter = await this.lookup.findByReference(user, filters.reference);
        return this.pages.redirect(request, reply, `/workspace/letters/${letter.id}`);
      } catch (error) {
        if (!(error instanceof DomainException) || error.kind !== ErrorKind.NotFound) {
          throw error;
        }
        // The same answer for a reference nobody has and one of another mandate's letters.
        errors.push({
          field: 'reference',
          message: 'letters.error.reference.none',
          values: { reference: filters.reference },
        });
        status = 404;
      }
    }

    let letters: CommunicationSummaryDto[] = [];
    let nextCursor: string | null = null;
    if (status === 200 || status === 404) {
      try {
        const page = await this.drafting.list(user, {
          status: filters.status || undefined,
          mandate: filters.mandate || undefined,
          recipient: filters.recipient || undefined,
          type: filters.type || undefined,
          year: filters.year ? Number(filters.year) : undefined,
          cursor: cursor || undefined,
        } as ListCommunicationsQueryDto);
        letters = page.items;
        nextCursor = page.nextCursor;
      } catch (error) {
        if (!(error instanceof CommunicationException) || error.code !== CommunicationErrorCode.InvalidCursor) {
          throw error;
        }
        errors.push({ field: 'status', message: 'letters.error.cursor' });
        status = 422;
      }
    }
    const model = letterListView(
      {
        filters,
        errors,
        letters,
        nextCursor,
        hasCursor: cursor !== '',
        mandates,
        canDraft: user.role === Role.Assistant,
      },
      this.pages.context(request),
    );
    this.pages.render(
      request,
      reply,
      'pages/workspace/letters/list',
      this.title(request, 'letters.list.title', errors),
      model,
      status,
    );
  }

  @Get('new')
  @LoginRequired(Role.Assistant)
  async newLetter(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('followsUp') followsUp: unknown,
  ): Promise<void> {
    const user = this.user(request);
    const mandates = await this.mandatesOf(user);
    const form = emptyLetterForm(mandates[0]?.code ?? '');
    const earlier = single(followsUp);
    if (earlier) {
      if (!UUID.test(earlier)) {
        throw new PageNotFoundException();
      }
      // The earlier letter as its reader sees it: one of another mandate answers the 404 page.
      const letter = await this.drafting.get(user, earlier);
      Object.assign(form, {
        followsUp: [letter.id],
        type: letter.type,
        language: letter.language,
        recipient: letter.recipient.otherRecipientId ? '' : letter.recipient.code,
        otherRecipient: letter.recipient.otherRecipientId ?? '',
        subject: letter.subject,
        victims: letterFormOf(letter).victims,
        perpetrators: letterFormOf(letter).perpetrators,
        themes: letter.themes.join('\n'),
      } satisfies Partial<LetterForm>);
    }
    await this.showEditor(request, reply, { mode: 'new', letterId: null, form, errors: [] });
  }

  @Post('new')
  @LoginRequired(Role.Assistant)
  async create(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const user = this.user(request);
    const form = readLetterForm(body);
    const action = single(body?.action);
    if (action === 'add-victim' || action === 'add-perpetrator') {
      const next = withAnotherRow(form, action === 'add-victim' ? 'victim' : 'perpetrator');
      return this.showEditor(request, reply, { mode: 'new', letterId: null, form: next, errors: [] });
    }
    const { content, errors } = checkLetterForm(form);
    const mandates = await this.mandatesOf(user);
    if (!mandates.some((mandate) => mandate.code === form.leadMandate)) {
      errors.unshift({ field: 'leadMandate', message: 'letters.error.leadMandate' });
    }
    if (errors.length > 0 || !content) {
      return this.showEditor(request, reply, { mode: 'new', letterId: null, form, errors }, 422);
    }
    try {
      const letter = await this.drafting.createDraft(user, {
        ...content,
        leadMandate: form.leadMandate,
        followsUp: form.followsUp,
        ...(form.internalNotes ? { internalNotes: form.internalNotes } : {}),
      });
      return this.pages.redirect(request, reply, `/workspace/letters/${letter.id}?saved=1`);
    } catch (error) {
      if (!isContentError(error)) {
        throw error;
      }
      return this.showEditor(
        request,
        reply,
        { mode: 'new', letterId: null, form, errors: [contentErrorOf(error)] },
        422,
      );
    }
  }

  @Get(':id/edit')
  @LoginRequired(Role.Assistant)
  async edit(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const letter = await this.editable(request, id);
    if (letter.status !== 'draft') {
      return this.pages.redirect(request, reply, `/workspace/letters/${id}`);
    }
    await this.showEditor(request, reply, { mode: 'edit', letterId: id, form: letterFormOf(letter), errors: [] });
  }

  @Post(':id/edit')
  @LoginRequired(Role.Assistant)
  async save(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const user = this.user(request);
    const letter = await this.editable(request, id);
    const form = { ...readLetterForm(body), leadMandate: letter.leadMandate };
    const action = single(body?.action);
    if (action === 'add-victim' || action === 'add-perpetrator') {
      const next = withAnotherRow(form, action === 'add-victim' ? 'victim' : 'perpetrator');
      return this.showEditor(request, reply, { mode: 'edit', letterId: id, form: next, errors: [] });
    }
    if (letter.status !== 'draft') {
      return this.pages.redirect(request, reply, `/workspace/letters/${id}`);
    }
    const revision = Number(form.revision);
    const { content, errors } = checkLetterForm(form);
    if (!Number.isInteger(revision) || revision < 1) {
      // The hidden field was lost: the person's text is kept, and the conflict view shows the letter as it is.
      return this.showConflict(request, reply, id, form, letter);
    }
    if (errors.length > 0 || !content) {
      return this.showEditor(request, reply, { mode: 'edit', letterId: id, form, errors }, 422);
    }
    try {
      await this.drafting.editDraft(user, id, {
        ...content,
        revision,
        internalNotes: form.internalNotes,
      });
      return this.pages.redirect(request, reply, `/workspace/letters/${id}?saved=1`);
    } catch (error) {
      if (error instanceof CommunicationException && error.code === CommunicationErrorCode.StaleRevision) {
        return this.showConflict(request, reply, id, form, await this.drafting.get(user, id));
      }
      if (error instanceof CommunicationException && error.code === CommunicationErrorCode.NotDraft) {
        return this.pages.redirect(request, reply, `/workspace/letters/${id}`);
      }
      if (!isContentError(error)) {
        throw error;
      }
      return this.showEditor(
        request,
        reply,
        { mode: 'edit', letterId: id, form, errors: [contentErrorOf(error)] },
        422,
      );
    }
  }

  // ---- helpers ----

  private user(request: PageRequest): UserActor {
    const user = this.pages.stateOf(request).user;
    if (!user) {
      throw new PageNotFoundException();
    }
    return user;
  }

  /** A letter the person may edit: one of the lead mandate's assistants; anyone else sees the 404 page. */
  private async editable(request: PageRequest, id: string): Promise<CommunicationDto> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    const user = this.user(request);
    const letter = await this.drafting.get(user, id);
    const lead = (await this.reference.listMandates(true)).find((mandate) => mandate.code === letter.leadMandate);
    if (!lead || !user.mandateIds.includes(lead.id)) {
      throw new PageNotFoundException();
    }
    return letter;
  }

  private async mandatesOf(user: UserActor): Promise<MandateDto[]> {
    return (await this.reference.listMandates()).filter((mandate) => user.mandateIds.includes(mandate.id));
  }

  /** A page's title, prefixed with "Error:" when the page shows problems. */
  private title(
    request: PageRequest,
    key: string,
    errors: unknown[],
  ): { key: string; values?: Record<string, string> } {
    return errors.length > 0
      ? { key: 'letters.title.error', values: { title: this.pages.context(request).t(key) } }
      : { key };
  }

  /** The editor after someone else saved first: the person's text kept, the other version beside it. */
  private async showConflict(
    request: PageRequest,
    reply: FastifyReply,
    id: string,
    form: LetterForm,
    theirs: CommunicationDto,
  ): Promise<void> {
    const user = this.user(request);
    const loaded = Number(form.version);
    let base: { subject: string; body: string } | null = null;
    if (Number.isInteger(loaded) && loaded >= 1 && loaded <= theirs.currentVersion.number) {
      const version = await this.drafting.getVersion(user, id, loaded);
      const content = version.content as { subject?: string; body?: string };
      base = { subject: content.subject ?? '', body: content.body ?? '' };
    }
    // The next save is based on the version shown beside the text: the person decides what stays.
    const next = { ...form, revision: String(theirs.revision), version: String(theirs.currentVersion.number) };
    await this.showEditor(
      request,
      reply,
      {
        mode: 'edit',
        letterId: id,
        form: next,
        errors: [{ field: 'body', message: 'letters.error.conflict' }],
        conflict: { base, theirs },
      },
      409,
    );
  }

  private async showEditor(
    request: PageRequest,
    reply: FastifyReply,
    input: {
      mode: 'new' | 'edit';
      letterId: string | null;
      form: LetterForm;
      errors: LetterFormError[];
      conflict?: { base: { subject: string; body: string } | null; theirs: CommunicationDto };
    },
    status = 200,
  ): Promise<void> {
    const user = this.user(request);
    const followsUp: Array<{ id: string; reference: string }> = [];
    for (const id of input.form.followsUp) {
      const earlier = await this.drafting.get(user, id).catch(() => null);
      followsUp.push({ id, reference: earlier?.reference ?? id });
    }
    const model: EditorView = editorView(
      {
        ...input,
        conflict: input.conflict ?? null,
        mandates: await this.mandatesOf(user),
        states: await this.reference.listStates(),
        others: await this.reference.listOtherRecipients(),
        followsUp,
        maxRows: MAX_ROWS,
      },
      this.pages.context(request),
    );
    const key = input.mode === 'new' ? 'letters.new.title' : 'letters.edit.title';
    this.pages.render(
      request,
      reply,
      'pages/workspace/letters/editor',
      this.title(request, key, input.errors),
      model,
      status,
    );
  }
}
