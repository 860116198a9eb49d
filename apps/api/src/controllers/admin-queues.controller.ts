import { Controller, Delete, Get, Headers, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Actor, Role } from '@spcomms/access';
import { AppConfig } from '@spcomms/config';
import { MailFailureDto, NotificationsService } from '@spcomms/notifications';
import { ApiPageResponse, Page, PageQueryDto } from '@spcomms/paging';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { boardCookie, clearedBoardCookie } from './admin-queues.board';

@ApiTags('admin')
@Controller('admin')
export class AdminQueuesController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  @Get('mail/failures')
  @Authenticated(Role.Admin)
  @ApiOperation({ summary: 'E-mails that could not be delivered (permanent SMTP refusal or attempts exhausted), newest first' })
  @ApiPageResponse(MailFailureDto)
  mailFailures(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<MailFailureDto>> {
    return this.notifications.listFailures(actor, query);
  }

  @Post('queues/session')
  @Authenticated(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Let this browser open the queue board',
    description:
      'Sets an HttpOnly, SameSite=Strict cookie scoped to /admin/queues holding the bearer token of this request, so that a ' +
      'browser can then open /admin/queues (Bull Board). Call it from the API docs page after "Authorize" with an admin token. ' +
      'The cookie dies with the token (logout, expiry) or with DELETE /admin/queues/session.',
  })
  @ApiNoContentResponse({ description: 'Cookie set' })
  openBoard(@Headers('authorization') authorization: string, @Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header('set-cookie', boardCookie(authorization.split(' ')[1], this.config));
  }

  @Delete('queues/session')
  @Authenticated(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Forget the queue board cookie of this browser' })
  @ApiNoContentResponse({ description: 'Cookie cleared' })
  closeBoard(@Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header('set-cookie', clearedBoardCookie());
  }
}
