import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import {
  AbandonDraftDto,
  AwaitingDecisionDto,
  CommunicationDto,
  CommunicationSummaryDto,
  CreateDraftDto,
  DeadlineExtensionService,
  DecisionDto,
  DraftingService,
  EditDraftDto,
  ExtendDeadlineDto,
  LetterSchedulesService,
  InviteDto,
  LetterLookupService,
  LinkSubmissionDto,
  LetterTimelineService,
  ListCommunicationsQueryDto,
  SigningService,
  TransmissionDto,
  TransmissionPreviewDto,
  TransmissionService,
  VersionDto,
} from '@spcomms/communications';
import { ApiPageResponse, Page, PageQueryDto } from '@spcomms/paging';
import { AuditEventDto } from '@spcomms/audit';
import { ScheduleDto } from '@spcomms/schedules';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';

@ApiTags('communications')
@Controller('communications')
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such letter among those of your mandates' })
export class CommunicationsController {
  constructor(
    private readonly drafting: DraftingService,
    private readonly signing: SigningService,
    private readonly transmission: TransmissionService,
    private readonly letterSchedules: LetterSchedulesService,
    private readonly extensions: DeadlineExtensionService,
    private readonly timelines: LetterTimelineService,
    private readonly lookup: LetterLookupService,
  ) {}

  @Get()
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOperation({ summary: 'Letters on which one of your mandates is, newest change first' })
  @ApiPageResponse(CommunicationSummaryDto)
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListCommunicationsQueryDto,
  ): Promise<Page<CommunicationSummaryDto>> {
    return this.drafting.list(actor, query);
  }

  @Get('awaiting-my-decision')
  @Authenticated(Role.MandateHolder)
  @ApiOperation({
    summary:
      'Drafts whose current version one of your mandates has neither approved nor declined, earliest sign-on deadline first (the lead, without deadline, last)',
  })
  @ApiPageResponse(AwaitingDecisionDto, { description: 'One page, earliest sign-on deadline first' })
  awaitingDecision(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<AwaitingDecisionDto>> {
    return this.lookup.awaitingDecision(actor, query);
  }

  @Get('by-reference/:reference')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOperation({
    summary:
      'The letter of a reference, typed loosely (`UA IRN 5/2023` URL-encoded, `ua irn 5 2023`, `UA-IRN-5-2023`, or without the type); 404 unless one of your mandates is on it',
  })
  @ApiOkResponse({ type: CommunicationDto })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Not a reference (communication.invalid_reference)',
  })
  byReference(@CurrentActor() actor: Actor, @Param('reference') reference: string): Promise<CommunicationDto> {
    return this.lookup.findByReference(actor, reference);
  }

  @Post()
  @Authenticated(Role.Assistant)
  @ApiOperation({ summary: 'Draft a letter for your lead mandate (version 1)' })
  @ApiCreatedResponse({ type: CommunicationDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDraftDto): Promise<CommunicationDto> {
    return this.drafting.createDraft(actor, dto);
  }

  @Get(':id')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOkResponse({ type: CommunicationDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CommunicationDto> {
    return this.drafting.get(actor, id);
  }

  @Patch(':id')
  @Authenticated(Role.Assistant)
  @ApiOperation({
    summary:
      'Replace the content of a draft (send every field, as GET answers it: this is not a partial update); a changed text makes a new immutable version, and earlier approvals stop counting (C6)',
  })
  @ApiOkResponse({ type: CommunicationDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Not a draft any more, or the revision is stale (someone edited first)',
  })
  edit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EditDraftDto,
  ): Promise<CommunicationDto> {
    return this.drafting.editDraft(actor, id, dto);
  }

  @Post(':id/abandon')
  @Authenticated(Role.Assistant)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Abandon a draft, with a reason: it stays in the record (status `abandoned`) and can no longer be edited, signed or sent',
  })
  @ApiOkResponse({ type: CommunicationDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not a draft (communication.not_draft)' })
  abandon(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AbandonDraftDto,
  ): Promise<CommunicationDto> {
    return this.drafting.abandon(actor, id, dto);
  }

  @Post(':id/submissions')
  @Authenticated(Role.Assistant)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Link a screened submission to a draft of your mandates (the letter acts on it); linking again changes nothing',
  })
  @ApiOkResponse({ type: CommunicationDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Not a draft (communication.not_draft), or the submission is not screened (submission.not_screened)',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'No such submission among yours (communication.unknown_submission)',
  })
  linkSubmission(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: LinkSubmissionDto,
  ): Promise<CommunicationDto> {
    return this.drafting.linkSubmission(actor, id, dto);
  }

  @Get(':id/versions')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOkResponse({ type: [VersionDto] })
  versions(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<VersionDto[]> {
    return this.drafting.listVersions(actor, id);
  }

  @Get(':id/versions/:number')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOkResponse({ type: VersionDto })
  version(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('number', ParseIntPipe) number: number,
  ): Promise<VersionDto> {
    return this.drafting.getVersion(actor, id, number);
  }

  @Post(':id/invitations')
  @Authenticated(Role.Assistant)
  @ApiOperation({ summary: 'Invite mandates to co-sign, with a sign-on deadline (default UA 24 h, others 5 days)' })
  @ApiCreatedResponse({ type: CommunicationDto })
  invite(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: InviteDto,
  ): Promise<CommunicationDto> {
    return this.signing.invite(actor, id, dto);
  }

  @Post(':id/decisions')
  @Authenticated(Role.MandateHolder)
  @ApiOperation({
    summary: 'Approve or decline a version of the letter; an approval counts only for that version (C5, C6)',
  })
  @ApiCreatedResponse({ type: CommunicationDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Not the current version, already decided, or not a draft',
  })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
  ): Promise<CommunicationDto> {
    return this.signing.decide(actor, id, dto);
  }

  @Post(':id/extension')
  @Authenticated(Role.Assistant)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Grant the recipient more time: a new reply-requested date, with a reason; the reminders move',
  })
  @ApiOkResponse({ type: CommunicationDto })
  extend(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ExtendDeadlineDto,
  ): Promise<CommunicationDto> {
    return this.extensions.extendReplyDeadline(actor, id, dto);
  }

  @Get(':id/schedules')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOperation({
    summary: 'The deadlines and reminders planned for the letter, with their state (C13: each reminder is logged)',
  })
  @ApiOkResponse({ type: [ScheduleDto] })
  schedules(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ScheduleDto[]> {
    return this.letterSchedules.listSchedules(actor, id);
  }

  @Get(':id/timeline')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOperation({
    summary: "The letter's audit trail, oldest first: every change, e-mail round, reminder sent or skipped (C13)",
  })
  @ApiOkResponse({ type: [AuditEventDto] })
  timeline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AuditEventDto[]> {
    return this.timelines.timeline(actor, id);
  }

  @Get(':id/transmit-preview')
  @Authenticated(Role.Assistant)
  @ApiOperation({
    summary:
      'What sending now would give: the reference each recipient would get (not reserved), the dates sent on, reply requested by and public from, and the approvals still missing',
  })
  @ApiOkResponse({ type: TransmissionPreviewDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already sent or abandoned (communication.not_draft)' })
  transmitPreview(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TransmissionPreviewDto> {
    return this.transmission.preview(actor, id);
  }

  @Post(':id/transmit')
  @Authenticated(Role.Assistant)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Send the letter: refused unless the lead and every mandate still on it approved the current version; assigns the reference (C7) and the dates sent on, reply requested by (C9) and public from (C11); one letter per State of a group',
  })
  @ApiOkResponse({
    type: TransmissionDto,
    description: '`unreachableRecipients` lists the recipients no e-mail could reach',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Approvals missing, or already sent' })
  transmit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TransmissionDto> {
    return this.transmission.transmit(actor, id);
  }
}
