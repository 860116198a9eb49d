import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import { FocalPointDto, FocalPointsService } from '@spcomms/notifications';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';

@ApiTags('government portal')
@Controller('portal/focal-points')
@Authenticated(Role.Government)
export class PortalFocalPointsController {
  constructor(private readonly focalPoints: FocalPointsService) {}

  @Get()
  @ApiOperation({
    summary:
      "Your State's focal points: the addresses the system writes to about its letters and visits, and in which language",
  })
  @ApiOkResponse({ type: [FocalPointDto] })
  list(@CurrentActor() actor: Actor): Promise<FocalPointDto[]> {
    return this.focalPoints.ofOwnState(actor);
  }
}
