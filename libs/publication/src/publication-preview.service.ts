import { Injectable } from '@nestjs/common';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { SubmissionsService } from '@spcomms/submissions';
import { findPersonalData } from './personal-data';
import { ProjectionSource, buildProjection, publicTexts } from './projection.mapper';
import { isSent, mapCheck } from './publication-letter';
import { PublicationStatusDto } from './publication.dto';
import { PublicationRepository, SourceLetter } from './publication.repository';
import { mapPublishedRecord } from './published.mapper';
import { PublishedRepository } from './published.repository';
import { RedactionIssue, redactionIssues } from './redaction-issues';

/**
 * What a letter's public version is or would be (C11, C14): the facts its projection is built
 * from, the redaction issues of its current version, and the publication status staff see.
 */
@Injectable()
export class PublicationPreviewService {
  constructor(
    private readonly repository: PublicationRepository,
    private readonly published: PublishedRepository,
    private readonly submissions: SubmissionsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The facts the projection of the letter's version is built from; a letter not sent has no replies yet. */
  async loadSource(letter: SourceLetter, version: number): Promise<ProjectionSource> {
    const content = await this.repository.findVersionContent(letter.id, version);
    if (!content) {
      throw new Error(`Letter ${letter.id} has no version ${version}`);
    }
    const replies = isSent(letter) ? await this.repository.findReplies(letter.id) : [];
    const today = calendarDateIn(this.clock.now(), this.config.rules.timezone);
    return {
      letter: {
        ...letter,
        reference: letter.reference ?? 'DRAFT',
        sentOn: letter.sentOn ?? today,
        publicFrom: letter.publicFrom ?? today,
      },
      content,
      mandates: await this.repository.findSigningMandates(letter.id),
      recipientName: await this.repository.findRecipientName(letter),
      otherRecipientCode: this.config.rules.otherRecipientCode,
      replies,
      attachments: await this.repository.findAttachments(replies.map((reply) => reply.id)),
      sources: await this.submissions.sourcesToWithhold(letter.id),
    };
  }

  /** The publication status staff see: state, checks, redaction warnings and issues, and the preview. */
  async describe(letter: SourceLetter): Promise<PublicationStatusDto> {
    const state = await this.repository.findState(letter.id);
    const checks = await this.repository.findChecks(letter.id);
    const current = checks.find((check) => check.versionNumber === letter.currentVersion) ?? null;
    const projection = buildProjection(await this.loadSource(letter, letter.currentVersion), this.clock.now());
    const links = await this.repository.findFollowUpIds(letter.id);
    const warnings = findPersonalData(publicTexts(projection));
    return {
      communicationId: letter.id,
      reference: letter.reference,
      publicFrom: letter.publicFrom,
      status:
        letter.status === 'draft'
          ? 'draft'
          : letter.status === 'abandoned'
            ? 'abandoned'
            : (state?.state ?? 'scheduled'),
      blockedReason: state?.state === 'blocked' ? state.blockedReason : null,
      blockedAt: state?.blockedAt ?? null,
      publishedAt: state?.publishedAt ?? null,
      redactionCheck: current ? mapCheck(current) : null,
      checks: checks.map(mapCheck),
      redaction: {
        withheld: projection.withheld,
        warnings,
        issues: redactionIssues(
          await this.versionContent(letter),
          await this.submissions.sourcesToWithhold(letter.id),
          warnings,
        ),
      },
      preview: mapPublishedRecord({
        ...projection,
        followsUp: await this.published.findReferences(links.followsUp),
        followedUpBy: await this.published.findReferences(links.followedUpBy),
      }),
    };
  }

  /** The issues of the letter's current version (C14): what the check must deal with. */
  async issuesOf(letter: SourceLetter): Promise<RedactionIssue[]> {
    const projection = buildProjection(await this.loadSource(letter, letter.currentVersion), this.clock.now());
    return redactionIssues(
      await this.versionContent(letter),
      await this.submissions.sourcesToWithhold(letter.id),
      findPersonalData(publicTexts(projection)),
    );
  }

  private async versionContent(letter: SourceLetter) {
    const content = await this.repository.findVersionContent(letter.id, letter.currentVersion);
    if (!content) {
      throw new Error(`Letter ${letter.id} has no version ${letter.currentVersion}`);
    }
    return content;
  }
}
