import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import { ApiPageResponse, Page } from '@spcomms/paging';
import {
  AssignMandatesDto,
  CreateSubmissionDto,
  ListSubmissionsQueryDto,
  RejectSubmissionDto,
  ScreenSubmissionDto,
  SubmissionDto,
  SubmissionSummaryDto,
  SubmissionReceiptDto,
  SubmissionsService,
  SubmitInformationDto,
  UpdateSubmissionDto,
} from '@spcomms/submissions';
import { Authenticated, CurrentActor, PublicRoute } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { PublicRateLimit } from '../rate-limit/public-rate-limit.decorator';

const INVALID = { type: ErrorResponseDto, description: 'Malformed input (types, sizes, unknown fields)' };
const INCOMPLETE = {
  type: ErrorResponseDto,
  description: 'Minimum content missing (C1), unknown State or mandate, or OTH given as the State',
};
const NOT_FOUND = { type: ErrorResponseDto, description: 'No such submission, or not one of your mandates' };

@ApiTags('submissions')
@Controller()
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post('public/submissions')
  @PublicRoute()
  @PublicRateLimit()
  @ApiOperation({
    summary: 'Submit information about alleged violations (the online questionnaire)',
    description:
      'No login. Victims (or the law or policy), alleged perpetrators, the source with an e-mail or phone, ' +
      'dates, place and a factual description are required (C1); anonymous submissions are not considered. ' +
      'Answers only a receipt code.',
  })
  @ApiCreatedResponse({ type: SubmissionReceiptDto })
  @ApiBadRequestResponse(INVALID)
  @ApiUnprocessableEntityResponse(INCOMPLETE)
  submit(@CurrentActor() actor: Actor, @Body() dto: SubmitInformationDto): Promise<SubmissionReceiptDto> {
    return this.submissions.submit(actor, dto);
  }

  @Post('submissions')
  @Authenticated(Role.Assistant)
  @ApiOperation({
    summary: 'Record information received by e-mail, letter, in a meeting or otherwise (same rules as the form)',
  })
  @ApiCreatedResponse({ type: SubmissionDto })
  @ApiBadRequestResponse(INVALID)
  @ApiUnprocessableEntityResponse(INCOMPLETE)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSubmissionDto): Promise<SubmissionDto> {
    return this.submissions.create(actor, dto);
  }

  @Get('submissions')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOperation({
    summary:
      'Submissions of your mandates, newest first (assistants also see those addressed to no mandate, for triage)',
  })
  @ApiPageResponse(SubmissionSummaryDto)
  @ApiBadRequestResponse(INVALID)
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'Unknown mandate or cursor' })
  list(@CurrentActor() actor: Actor, @Query() query: ListSubmissionsQueryDto): Promise<Page<SubmissionSummaryDto>> {
    return this.submissions.list(actor, query);
  }

  @Get('submissions/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A submission with its source (C14: only for the staff of its mandates)' })
  @ApiOkResponse({ type: SubmissionDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SubmissionDto> {
    return this.submissions.get(actor, id);
  }

  @Post('submissions/:id/screening')
  @Authenticated(Role.Assistant)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Record Code of Conduct criteria pass/fail (C2, C4)',
    description:
      'Screened once every criterion is recorded and passed; inadmissible as soon as one fails, or when WGAD or WGEID ' +
      'is addressed by a source who is not the person concerned, family or representative (C4). Exhaustion of domestic ' +
      'remedies and treaty ratification are not conditions (C3).',
  })
  @ApiOkResponse({ type: SubmissionDto })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The submission is no longer awaiting screening' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'A criterion given twice' })
  screen(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ScreenSubmissionDto,
  ): Promise<SubmissionDto> {
    return this.submissions.screen(actor, id, dto);
  }

  @Post('submissions/:id/reject')
  @Authenticated(Role.Assistant)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reject a received submission with a reason; it can then be neither screened nor linked to a letter',
  })
  @ApiOkResponse({ type: SubmissionDto })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The submission is no longer awaiting screening' })
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectSubmissionDto,
  ): Promise<SubmissionDto> {
    return this.submissions.reject(actor, id, dto);
  }

  @Put('submissions/:id/mandates')
  @Authenticated(Role.Assistant)
  @ApiOperation({
    summary: 'Give a received submission its mandates (triage of the online form)',
    description: 'Replaces the mandates the submission is addressed to; its staff then see it.',
  })
  @ApiOkResponse({ type: SubmissionDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'Unknown or ended mandate' })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The submission is not received any more' })
  @ApiBadRequestResponse(INVALID)
  assignMandates(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignMandatesDto,
  ): Promise<SubmissionDto> {
    return this.submissions.assignMandates(actor, id, dto);
  }

  @Patch('submissions/:id')
  @Authenticated(Role.Assistant)
  @ApiOperation({
    summary: 'Correct the facts of a received or screened submission',
    description:
      'Description, place, dates, State or other recipient, victims, law or policy, perpetrators, domestic remedies ' +
      'and confidential parts: a field left out is kept, a nullable one sent as null is cleared. The result must ' +
      'still hold the minimum content (C1). The source, channel and mandates are not edited here.',
  })
  @ApiOkResponse({ type: SubmissionDto })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The submission is inadmissible or rejected' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Nothing given, minimum content missing (C1), unknown State, or OTH given as the State',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSubmissionDto,
  ): Promise<SubmissionDto> {
    return this.submissions.update(actor, id, dto);
  }
}
