import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { PASSWORD_RULE } from '@spcomms/accounts';

export class UsePasswordLinkDto {
  @ApiProperty({ description: 'The token of the one-time link received by e-mail' })
  @IsString()
  @Matches(/^spl_[A-Za-z0-9_-]{43}$/, { message: 'token is not the token of a password link' })
  token!: string;

  @ApiProperty({ description: PASSWORD_RULE })
  @IsString()
  @Length(10, 200, { message: `password must have ${PASSWORD_RULE}` })
  password!: string;
}
