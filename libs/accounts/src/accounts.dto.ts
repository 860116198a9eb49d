import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { ALL_ROLES, Role } from '@spcomms/access';
import { MANDATE_CODE, STATE_CODE } from '@spcomms/reference';
import { PREFERRED_LANGUAGES, PreferredLanguage } from './user.entity';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 100)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header' }) token!: string;
  @ApiProperty() expiresAt!: Date;
}

/** A live session of the person asking. */
export class OwnSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty({ description: 'The session making this request' }) current!: boolean;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ALL_ROLES }) role!: Role;
  @ApiProperty({ type: [String], description: 'Codes of the mandates the user works for' }) mandates!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'The State a government user speaks for' }) stateCode!:
    string | null;
  @ApiProperty({
    enum: PREFERRED_LANGUAGES,
    description: 'The interface language the person chose; their e-mails are written in it',
  })
  language!: string;
}

export class UserDto extends MeDto {
  @ApiProperty({ nullable: true, type: Date }) disabledAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

/** The shortest password accepted (the API's DTOs and the site's forms). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_RULE = `at least ${PASSWORD_MIN_LENGTH} characters`;

export class CreateUserDto {
  @ApiProperty({ example: 'a.assistant', description: 'Lower-case letters, digits, dot, dash, underscore' })
  @Matches(/^[a-z0-9._-]{3,60}$/, {
    message: 'username must be 3–60 lower-case letters, digits, dots, dashes or underscores',
  })
  username!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiProperty({ example: 'a.assistant@example.org' })
  @IsEmail()
  @MaxLength(200)
  email!: string;

  @ApiProperty({ enum: ALL_ROLES })
  @IsIn(ALL_ROLES)
  role!: Role;

  @ApiPropertyOptional({ type: [String], description: 'Mandate codes, for assistants and mandate-holders' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @Matches(MANDATE_CODE, { each: true })
  mandates?: string[];

  @ApiPropertyOptional({ example: 'IRN', description: 'For government users: the State' })
  @IsOptional()
  @Matches(STATE_CODE)
  stateCode?: string;

  @ApiPropertyOptional({
    enum: PREFERRED_LANGUAGES,
    description: 'Interface and e-mail language (English when not given)',
  })
  @IsOptional()
  @IsIn(PREFERRED_LANGUAGES, { message: `language must be one of ${PREFERRED_LANGUAGES.join(', ')}` })
  language?: PreferredLanguage;

  @ApiPropertyOptional({
    description: `${PASSWORD_RULE}; without it the user is e-mailed a one-time link to set their own`,
  })
  @IsOptional()
  @IsString()
  @Length(10, 200, { message: `password must have ${PASSWORD_RULE}` })
  password?: string;
}

export class ResetPasswordDto {
  @ApiPropertyOptional({
    description: `${PASSWORD_RULE}; without it the password is cleared and the user is e-mailed a one-time link to set a new one`,
  })
  @IsOptional()
  @IsString()
  @Length(10, 200, { message: `password must have ${PASSWORD_RULE}` })
  password?: string;
}

export class UpdateOwnAccountDto {
  @ApiProperty({ enum: PREFERRED_LANGUAGES, description: 'The language of your pages and of your e-mails' })
  @IsIn(PREFERRED_LANGUAGES, { message: `language must be one of ${PREFERRED_LANGUAGES.join(', ')}` })
  language!: PreferredLanguage;
}

export class ChangeOwnPasswordDto {
  @ApiProperty({ description: 'The password in use now' })
  @IsString()
  @Length(1, 200)
  currentPassword!: string;

  @ApiProperty({ description: PASSWORD_RULE })
  @IsString()
  @Length(10, 200, { message: `newPassword must have ${PASSWORD_RULE}` })
  newPassword!: string;
}
