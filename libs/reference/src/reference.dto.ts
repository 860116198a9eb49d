import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { STATE_MAIL_LANGUAGES, StateMailLanguage } from './state.entity';
import { IsCalendarDate } from '@spcomms/clock';
import { MANDATE_CODE, STATE_CODE } from './reference-codes';

export class UnLanguageNamesDto {
  @ApiProperty() ar!: string;
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
  @ApiProperty() fr!: string;
  @ApiProperty() ru!: string;
  @ApiProperty() es!: string;
}

export class StandingInvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CHE' }) stateCode!: string;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) withdrawnOn!: string | null;
}

export class StateDto {
  @ApiProperty({ example: 'IRN', description: 'ISO 3166-1 alpha-3, or OTH for other recipients' }) code!: string;
  @ApiProperty({ example: 'Iran (Islamic Republic of)' }) name!: string;
  @ApiProperty({ type: UnLanguageNamesDto }) names!: UnLanguageNamesDto;
  @ApiProperty({ enum: ['member', 'observer', 'pseudo'] }) status!: string;
  @ApiProperty({ type: StandingInvitationDto, nullable: true }) standingInvitation!: StandingInvitationDto | null;
  @ApiProperty({
    enum: STATE_MAIL_LANGUAGES,
    nullable: true,
    type: String,
    description:
      "The language of the e-mails to the State's focal points, chosen by the State; null: each focal point's own language",
  })
  mailLanguage!: string | null;
}

export class UpdateStateDto {
  @ApiProperty({
    enum: STATE_MAIL_LANGUAGES,
    nullable: true,
    type: String,
    description:
      "The language of the e-mails to the State's focal points (one of the six UN languages); null: each focal point's own",
  })
  @ValidateIf((_, value) => value !== null)
  @IsIn(STATE_MAIL_LANGUAGES, { message: `mailLanguage must be one of ${STATE_MAIL_LANGUAGES.join(', ')}, or null` })
  mailLanguage!: StateMailLanguage | null;
}

export class MandateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'EXPRESSION' }) code!: string;
  @ApiProperty({ enum: ['thematic', 'country'] }) kind!: string;
  @ApiProperty({ enum: ['SR', 'IE', 'WG'] }) form!: string;
  @ApiProperty() title!: string;
  @ApiProperty() established!: number;
  @ApiProperty({ nullable: true, type: String }) countryCode!: string | null;
  @ApiProperty() publishLegislationAtOnce!: boolean;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endedOn!: string | null;
}

export class CreateMandateDto {
  @ApiProperty({ example: 'CLIMATE', description: 'Upper-case short code, unique' })
  @Matches(MANDATE_CODE, { message: 'code must be 2–20 upper-case letters, digits or _' })
  code!: string;

  @ApiProperty({ enum: ['thematic', 'country'] })
  @IsIn(['thematic', 'country'])
  kind!: 'thematic' | 'country';

  @ApiProperty({ enum: ['SR', 'IE', 'WG'] })
  @IsIn(['SR', 'IE', 'WG'])
  form!: 'SR' | 'IE' | 'WG';

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  title!: string;

  @ApiProperty({ minimum: 1946, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(1946)
  @Max(2100)
  established!: number;

  @ApiPropertyOptional({ description: 'For country mandates: the State covered' })
  @IsOptional()
  @Matches(STATE_CODE)
  countryCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  publishLegislationAtOnce?: boolean;
}

export class UpdateMandateDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  publishLegislationAtOnce?: boolean;
}

export class EndMandateDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  endedOn!: string;
}

export class MandateTermDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) mandateId!: string;
  @ApiProperty({ example: 'EXPRESSION' }) mandateCode!: string;
  @ApiProperty({ enum: [1, 2] }) number!: number;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endedOn!: string | null;
}

export class MandateHolderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [MandateTermDto] }) terms!: MandateTermDto[];
}

export class CreateMandateHolderDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(2, 200)
  name!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user account of the holder' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class RenameMandateHolderDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(2, 200)
  name!: string;
}

export class AddTermDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  mandateId!: string;

  @ApiProperty({ format: 'date', description: 'First day of the three-year term' })
  @IsCalendarDate()
  startsOn!: string;
}

export class EndTermDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  endedOn!: string;
}

export class IssueStandingInvitationDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  issuedOn!: string;
}

export class WithdrawStandingInvitationDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  withdrawnOn!: string;
}

export class OtherRecipientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['company', 'international_organisation', 'non_state_actor', 'other'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) countryCode!: string | null;
}

export class CreateOtherRecipientDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @Length(2, 300)
  name!: string;

  @ApiProperty({ enum: ['company', 'international_organisation', 'non_state_actor', 'other'] })
  @IsIn(['company', 'international_organisation', 'non_state_actor', 'other'])
  kind!: 'company' | 'international_organisation' | 'non_state_actor' | 'other';

  @ApiPropertyOptional({ example: 'CHE' })
  @IsOptional()
  @Matches(STATE_CODE)
  countryCode?: string;
}
