import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import { PublicationService, PublicationStatusDto, RecordRedactionCheckDto } from '@spcomms/publication';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';

/** C11: the redaction check and the publication state of a letter, for the staff of its mandates. */
@ApiTags('publication')
@Controller('communications')
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such letter among those of your mandates' })
export class PublicationController {
  constructor(private readonly publication: PublicationService) {}

  @Get(':id/publication')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOperation({
    summary: 'Where the publication stands (C11), with the redacted public version of the current text (C14)',
  })
  @ApiOkResponse({ type: PublicationStatusDto })
  status(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PublicationStatusDto> {
    return this.publication.getStatus(actor, id);
  }

  @Post(':id/redaction-check')
  @Authenticated(Role.Assistant)
  @ApiOperation({
    summary:
      'Record that the redacted public version of the current text was checked (C11). Publication waits for it; when public-from has passed, the letter is published at once',
  })
  @ApiCreatedResponse({ type: PublicationStatusDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Already checked, not the current version, or the letter was abandoned',
  })
  check(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordRedactionCheckDto,
  ): Promise<PublicationStatusDto> {
    return this.publication.recordRedactionCheck(actor, id, dto);
  }
}
