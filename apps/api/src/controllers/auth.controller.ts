import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Patch, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor } from '@spcomms/access';
import {
  AuthService,
  ChangeOwnPasswordDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  UpdateOwnAccountDto,
  UserDto,
} from '@spcomms/accounts';
import { PasswordLinksService, UsePasswordLinkDto } from '@spcomms/password-links';
import { Authenticated, CurrentActor, PublicRoute } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { PublicRateLimit } from '../rate-limit/public-rate-limit.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordLinks: PasswordLinksService,
  ) {}

  @Post('auth/login')
  @PublicRoute()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Log in; answers a revocable bearer token' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong user name or password' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many failed attempts for this user name and address, or for any user names from this address',
  })
  login(@Ip() ip: string, @Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(ip, dto);
  }

  @Post('auth/logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke the token used for this request' })
  @ApiNoContentResponse({ description: 'Revoked' })
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'Who am I: role and scope' })
  @ApiOkResponse({ type: UserDto, description: 'Your account as the administrators see it' })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor);
  }

  @Patch('me')
  @Authenticated()
  @ApiOperation({
    summary: 'Choose your interface language (one of the six): your e-mails are written in it',
  })
  @ApiOkResponse({ type: UserDto, description: 'Your account as the administrators see it' })
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateOwnAccountDto): Promise<MeDto> {
    return this.auth.setOwnLanguage(actor, dto);
  }

  @Post('me/password')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change your own password: the current one is required; your other sessions end' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'The current password is wrong (auth.wrong_password), or the new one is the same',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many wrong current passwords for this user and address',
  })
  changePassword(@CurrentActor() actor: Actor, @Ip() ip: string, @Body() dto: ChangeOwnPasswordDto): Promise<void> {
    return this.auth.changeOwnPassword(actor, ip, dto);
  }

  @Post('auth/password-link')
  @PublicRoute()
  @PublicRateLimit({ bucket: 'password-link' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Set your password with the one-time link e-mailed to you (new account, or reset by an admin); the link then works no more',
  })
  @ApiNoContentResponse({ description: 'Password set; log in with it' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Unknown, used, replaced or expired link (password_link.invalid)',
  })
  usePasswordLink(@Body() dto: UsePasswordLinkDto): Promise<void> {
    return this.passwordLinks.usePasswordLink(dto);
  }
}
