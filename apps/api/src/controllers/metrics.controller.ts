import { Controller, Get, Headers, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Actor } from '@spcomms/access';
import { EngineStatus } from '@spcomms/notifications';
import { CurrentActor, PublicRoute } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly status: EngineStatus) {}

  @Get()
  // Public at the guard so that a scraper's METRICS_TOKEN (not a user token) reaches the service, which checks it.
  @PublicRoute()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Prometheus metrics: queue depths and failures, pending/overdue/failed schedules, outbox e-mails (admin token or METRICS_TOKEN)',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'No admin token and no metrics token' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Logged in, but not an admin' })
  async metrics(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('authorization') authorization?: string,
  ): Promise<string> {
    const text = await this.status.metrics(actor, authorization);
    void reply.type(this.status.contentType);
    return text;
  }
}
