import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import { ListPortalCommunicationsQueryDto, PortalCommunicationDto, PortalService } from '@spcomms/communications';
import { ApiPageResponse, Page } from '@spcomms/paging';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';

@ApiTags('government portal')
@Controller('portal/communications')
@Authenticated(Role.Government)
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  @Get()
  @ApiOperation({ summary: 'Sent letters addressed to your State, newest first' })
  @ApiPageResponse(PortalCommunicationDto)
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListPortalCommunicationsQueryDto,
  ): Promise<Page<PortalCommunicationDto>> {
    return this.portal.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A sent letter addressed to your State' })
  @ApiOkResponse({ type: PortalCommunicationDto })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No sent letter with this id was addressed to your State',
  })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PortalCommunicationDto> {
    return this.portal.get(actor, id);
  }
}
