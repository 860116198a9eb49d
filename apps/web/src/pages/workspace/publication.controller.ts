import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { DraftingService } from '@spcomms/communications';
import {
  PublicationErrorCode,
  PublicationException,
  PublicationService,
  REDACTION_NOTES_MAX,
  RedactionIssueDto,
} from '@spcomms/publication';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { FormError, listField, textField } from '../../forms/form-errors';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { UUID } from './workspace-letter.controller';
import { issueText, publicationPageView } from './publication.view';

/** The id of an issue's checkbox (the checkboxes component numbers all but the first). */
export function issueFieldId(issues: readonly RedactionIssueDto[], key: string): string {
  const blocking = issues.some((issue) => issue.key === key && issue.blocking);
  const group = issues.filter((issue) => issue.blocking === blocking);
  const index = group.findIndex((issue) => issue.key === key);
  const id = blocking ? 'confirm-source' : 'confirm-issues';
  return index <= 0 ? id : `${id}-${index + 1}`;
}

/**
 * `/{lang}/workspace/letters/{id}/publication`: the redaction check (C11, C14). The public version
 * beside the internal text with every redaction marked, and what the assistant must deal with: the
 * source's name in the text, victims named in public, e-mail addresses, phone and passport-like
 * numbers. The page refuses to confirm until each issue is ticked; PublicationService itself refuses
 * while the text names the source and that issue is not confirmed.
 */
@PageController('workspace/letters')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class WorkspacePublicationController {
  constructor(
    private readonly pages: Pages,
    private readonly drafting: DraftingService,
    private readonly publication: PublicationService,
  ) {}

  @Get(':id/publication')
  async show(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query('done') done?: string,
  ): Promise<void> {
    this.requireId(id);
    await this.render(request, reply, id, [], '', [], done === 'checked' ? 'screening.publication.done' : null);
  }

  @Post(':id/publication')
  async check(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    this.requireId(id);
    const actor = this.pages.actorOf(request);
    const status = await this.publication.getStatus(actor, id);
    const user = this.pages.stateOf(request).user;
    if (!user || user.role !== Role.Assistant) {
      throw new PageNotFoundException();
    }
    const { lang } = this.pages.stateOf(request);
    const t = (key: string, values?: Record<string, string | number>) => this.pages.t(lang, key, values);
    const context = this.pages.context(request);
    const confirmed = [...new Set(listField(request.body, 'confirmed'))].filter((key) => /^[a-z_]+-\d{1,4}$/.test(key));
    const notes = textField(request.body, 'notes');
    const version = Number(textField(request.body, 'version'));
    const letter = await this.drafting.get(actor, id);
    if (version !== letter.currentVersion.number) {
      const errors = [{ field: 'notes', text: t('screening.publication.error.version') }];
      return this.render(request, reply, id, confirmed, notes, errors, null, 409);
    }
    const issues = status.redaction.issues;
    const errors: FormError[] = issues
      .filter((issue) => !confirmed.includes(issue.key))
      .map((issue) => ({
        field: issueFieldId(issues, issue.key),
        text: t(issue.blocking ? 'screening.publication.error.source' : 'screening.publication.error.issue', {
          issue: issueText(issue, context),
        }),
      }));
    if (notes.length > REDACTION_NOTES_MAX) {
      errors.push({ field: 'notes', text: t('screening.publication.error.notes', { max: REDACTION_NOTES_MAX }) });
    }
    if (errors.length > 0) {
      return this.render(request, reply, id, confirmed, notes, errors, null, 422);
    }
    try {
      await this.publication.recordRedactionCheck(actor, id, {
        version,
        confirmed,
        ...(notes ? { notes } : {}),
      });
    } catch (error) {
      if (!(error instanceof PublicationException)) {
        throw error;
      }
      if (error.code === PublicationErrorCode.AlreadyChecked) {
        return this.pages.redirect(request, reply, `/workspace/letters/${id}/publication?done=checked`);
      }
      const [key, code] =
        error.code === PublicationErrorCode.SourceNamed
          ? ['screening.publication.error.sourceChanged', 422]
          : error.code === PublicationErrorCode.LetterAbandoned
            ? ['screening.publication.error.abandoned', 409]
            : ['screening.publication.error.version', 409];
      return this.render(request, reply, id, confirmed, notes, [{ field: 'notes', text: t(key) }], null, code);
    }
    this.pages.redirect(request, reply, `/workspace/letters/${id}/publication?done=checked`);
  }

  private requireId(id: string): void {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
  }

  private async render(
    request: PageRequest,
    reply: FastifyReply,
    id: string,
    confirmed: string[],
    notes: string,
    errors: FormError[],
    notice: string | null,
    status = 200,
  ): Promise<void> {
    const actor = this.pages.actorOf(request);
    const publication = await this.publication.getStatus(actor, id);
    const letter = await this.drafting.get(actor, id);
    const user = this.pages.stateOf(request).user;
    const model = publicationPageView(
      {
        letter,
        status: publication,
        assistant: user?.role === Role.Assistant,
        confirmed,
        notes,
        errors,
        notice,
      },
      this.pages.context(request),
    );
    this.pages.render(
      request,
      reply,
      'pages/screening/publication',
      {
        key: errors.length > 0 ? 'screening.publication.titleError' : 'screening.publication.title',
        values: { reference: model.reference },
      },
      model,
      status,
    );
  }
}
