import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import { CreateUserDto, ResetPasswordDto, UserDto, UsersService } from '@spcomms/accounts';
import { ApiPageResponse, Page, PageQueryDto } from '@spcomms/paging';
import { PasswordLinksService } from '@spcomms/password-links';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';

@ApiTags('users')
@Controller('users')
@Authenticated(Role.Admin)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly passwordLinks: PasswordLinksService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List users' })
  @ApiPageResponse(UserDto, { description: 'One page, by user name' })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<UserDto>> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  @Post()
  @ApiOperation({
    summary:
      'Create a user with one role and its scope (mandates, or a State); without a password, the user is e-mailed a one-time link to set one',
  })
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.passwordLinks.createUser(actor, dto);
  }

  @Post(':id/password')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "Reset a password: without `password`, it is cleared and the user is e-mailed a one-time link to set a new one; revokes the user's sessions",
  })
  @ApiOkResponse({ type: UserDto })
  resetPassword(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<UserDto> {
    return this.passwordLinks.resetPassword(actor, id, dto);
  }

  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Disable a user; revokes the user's sessions" })
  @ApiOkResponse({ type: UserDto })
  disable(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.setDisabled(actor, id, true);
  }

  @Post(':id/enable')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UserDto })
  enable(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.setDisabled(actor, id, false);
  }
}
