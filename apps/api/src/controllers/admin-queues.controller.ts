import { Controller, Delete, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, Role, UserActor } from '@spcomms/access';
import { AppConfig } from '@spcomms/config';
import { MailFailureDto, NotificationsService } from '@spcomms/notifications';
import { ApiPageResponse, Page, PageQueryDto } from '@spcomms/paging';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { BoardSessions, boardCookie, boardTokenOf, clearedBoardCookie } from './admin-queues.board';

@ApiTags('admin')
@Controller('admin')
export class AdminQueuesController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly sessions: BoardSessions,
    private readonly config: AppConfig,
  ) {}

  @Get('mail/failures')
  @Authenticated(Role.Admin)
  @ApiOperation({
    summary: 'E-mails that could not be delivered (permanent SMTP refusal or attempts exhausted), newest first',
  })
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
      'Opens a board session of 15 minutes and sets its token in an HttpOnly, SameSite=Strict cookie scoped to /admin/queues, ' +
      'so that a browser can then open /admin/queues (Bull Board). The cookie never holds the bearer token and opens nothing ' +
      'but the board. Call it from the API docs page after "Authorize" with an admin token. The board session ends with the ' +
      'login it came from (logout, expiry, disabled user), after 15 minutes, or with DELETE /admin/queues/session.',
  })
  @ApiNoContentResponse({ description: 'Cookie set' })
  async openBoard(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    void reply.header('set-cookie', boardCookie(await this.sessions.open(actor as UserActor), this.config));
  }

  @Delete('queues/session')
  @Authenticated(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the queue board session of this browser and forget its cookie' })
  @ApiNoContentResponse({ description: 'Session ended, cookie cleared' })
  async closeBoard(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = boardTokenOf(request);
    if (token) {
      await this.sessions.close(token);
    }
    void reply.header('set-cookie', clearedBoardCookie());
  }
}
