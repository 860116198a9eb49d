import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import { ApiPageResponse, Page, PageQueryDto } from '@spcomms/paging';
import {
  GovernmentVisitAnswerDto,
  GovernmentVisitDto,
  VisitMovesService,
  VisitSummaryDto,
  VisitsService,
} from '@spcomms/visits';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';

const NOT_YOURS = 'No visit request with this id was made to your State';

@ApiTags('government portal')
@Controller('portal/visits')
@Authenticated(Role.Government)
export class VisitsPortalController {
  constructor(
    private readonly visits: VisitsService,
    private readonly moves: VisitMovesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Country-visit requests made to your State, newest first' })
  @ApiPageResponse(VisitSummaryDto)
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<VisitSummaryDto>> {
    return this.visits.listForGovernment(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A country-visit request made to your State' })
  @ApiOkResponse({ type: GovernmentVisitDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: NOT_YOURS })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<GovernmentVisitDto> {
    return this.visits.getForGovernment(actor, id);
  }

  @Post(':id/answers')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Answer a request: acknowledge (not an acceptance), accept (while dates are proposed: accept the dates the mandate proposed, which schedules the visit), ' +
      'invite (counts as accepted; may name the period), decline (reasons in note), or propose dates',
  })
  @ApiOkResponse({ type: GovernmentVisitDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: NOT_YOURS })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'The answer is not possible in the current status (details.allowedNext lists what is), or accepts dates your State proposed itself (visit.own_proposal)',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Dates missing or reversed when proposing dates or inviting, or given with another answer',
  })
  answer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GovernmentVisitAnswerDto,
  ): Promise<GovernmentVisitDto> {
    return this.moves.answerAsGovernment(actor, id, dto);
  }
}
