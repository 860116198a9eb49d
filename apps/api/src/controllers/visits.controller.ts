import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import { ApiPageResponse, Page } from '@spcomms/paging';
import {
  AddVisitFollowUpDto,
  CreateVisitRequestDto,
  ListVisitsQueryDto,
  MoveVisitDto,
  RecordVisitAnswerDto,
  RecordVisitOutcomeDto,
  UpdateAssurancesDto,
  UpdateVisitDto,
  VisitDto,
  VisitMovesService,
  VisitOutcomeService,
  VisitSummaryDto,
  VisitsService,
} from '@spcomms/visits';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';

const MOVE_REFUSED =
  'The move is not allowed from the current status (V1); details.allowedNext lists the statuses that are';

@ApiTags('visits')
@Controller('visits')
@Authenticated(Role.Assistant, Role.MandateHolder)
export class VisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly moves: VisitMovesService,
    private readonly outcome: VisitOutcomeService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Ask a State for a country visit on behalf of one of your mandates (V1); plans the first reminder (V3)',
  })
  @ApiCreatedResponse({ type: VisitDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'You do not work for the mandate' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The mandate already has an open request to the State, or the mandate ended',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Unknown mandate or State (OTH is not a State), period ending before it starts, date in the future',
  })
  request(@CurrentActor() actor: Actor, @Body() dto: CreateVisitRequestDto): Promise<VisitDto> {
    return this.visits.request(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Visit requests of your mandates, newest first' })
  @ApiPageResponse(VisitSummaryDto)
  list(@CurrentActor() actor: Actor, @Query() query: ListVisitsQueryDto): Promise<Page<VisitSummaryDto>> {
    return this.visits.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A visit request of one of your mandates, with its checklist, history and notes' })
  @ApiOkResponse({ type: VisitDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such visit request among those of your mandates' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<VisitDto> {
    return this.visits.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the purpose or the internal notes' })
  @ApiOkResponse({ type: VisitDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such visit request among those of your mandates' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateVisitDto,
  ): Promise<VisitDto> {
    return this.visits.update(actor, id, dto);
  }

  @Patch(':id/assurances')
  @ApiOperation({
    summary: 'Change lines of the terms-of-reference checklist: requested, confirmed by the State, internal note',
  })
  @ApiOkResponse({ type: VisitDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such visit request among those of your mandates' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'An item given twice, or confirmed without being requested',
  })
  updateAssurances(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAssurancesDto,
  ): Promise<VisitDto> {
    return this.visits.updateAssurances(actor, id, dto);
  }

  @Post(':id/answers')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Record the State's answer that came by note verbale, letter, meeting, e-mail or otherwise",
  })
  @ApiOkResponse({ type: VisitDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such visit request among those of your mandates' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: `${MOVE_REFUSED}; or an acceptance of dates the State proposed itself (visit.own_proposal)`,
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Dates missing or reversed, or received in the future',
  })
  recordAnswer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordVisitAnswerDto,
  ): Promise<VisitDto> {
    return this.moves.recordAnswer(actor, id, dto);
  }

  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Move the request: dates proposed, scheduled (agreed dates), under way, completed, postponed, cancelled, no response',
  })
  @ApiOkResponse({ type: VisitDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such visit request among those of your mandates' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: MOVE_REFUSED })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description:
      "Dates missing, reversed, or given with a move that takes none; under way before the visit's first day or completed before its last (visit.before_visit_dates)",
  })
  move(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MoveVisitDto,
  ): Promise<VisitDto> {
    return this.moves.move(actor, id, dto);
  }

  @Patch(':id/outcome')
  @ApiOperation({
    summary:
      'After a completed visit (V4): end-of-mission statement date, report symbol A/HRC/<session>/<n>[/Add.<n>] and session',
  })
  @ApiOkResponse({ type: VisitDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such visit request among those of your mandates' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The visit is not completed' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Session not that of the symbol, statement before the visit',
  })
  recordOutcome(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordVisitOutcomeDto,
  ): Promise<VisitDto> {
    return this.outcome.recordOutcome(actor, id, dto);
  }

  @Post(':id/follow-ups')
  @ApiOperation({
    summary: 'Plan a follow-up of a completed visit (V4): a follow-up report or visit, with its own due date',
  })
  @ApiCreatedResponse({ type: VisitDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such visit request among those of your mandates' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The visit is not completed' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'Due before the end of the visit' })
  addFollowUp(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddVisitFollowUpDto,
  ): Promise<VisitDto> {
    return this.outcome.addFollowUp(actor, id, dto);
  }
}
