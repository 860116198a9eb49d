import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '@spcomms/clock';
import { MANDATE_CODE, STATE_CODE } from '@spcomms/reference';
import {
  AGE_GROUPS,
  ASSISTANT_CHANNELS,
  AgeGroup,
  AssistantChannel,
  CONFIDENTIAL_FIELDS,
  ConfidentialField,
  GENDERS,
  Gender,
  PERPETRATOR_KINDS,
  PerpetratorKind,
  SOURCE_RELATIONS,
  SUBMISSION_LIMITS,
  SourceRelation,
  VICTIM_KINDS,
  VictimKind,
} from './submission.rules';
import { optionalText, requiredText } from './submission-text';

const { shortText, mediumText, longText } = SUBMISSION_LIMITS;

const upperCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class VictimInputDto {
  @ApiProperty({ enum: VICTIM_KINDS, description: 'A person, a group or a community' })
  @IsIn(VICTIM_KINDS)
  kind!: VictimKind;

  @ApiPropertyOptional({
    maxLength: shortText,
    description: 'Name of the person, group or community (a name or a description is required)',
  })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(shortText)
  name?: string;

  @ApiPropertyOptional({ maxLength: mediumText, description: 'Who they are, when there is no name' })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(mediumText)
  description?: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ enum: AGE_GROUPS })
  @IsOptional()
  @IsIn(AGE_GROUPS)
  ageGroup?: AgeGroup;
}

export class PerpetratorInputDto {
  @ApiProperty({ enum: PERPETRATOR_KINDS, description: 'State agents, a non-State actor, or not known' })
  @IsIn(PERPETRATOR_KINDS)
  kind!: PerpetratorKind;

  @ApiProperty({ maxLength: mediumText, example: 'Officers of the national police, district 4' })
  @Transform(requiredText)
  @IsString()
  @IsNotEmpty({ message: 'each perpetrator needs a description' })
  @MaxLength(mediumText)
  description!: string;
}

export class SourceInputDto {
  @ApiProperty({ maxLength: shortText, description: 'Full name of the person submitting; confidential (C14)' })
  @Transform(requiredText)
  @IsString()
  @IsNotEmpty({ message: 'source.name is required: anonymous submissions are not considered' })
  @MaxLength(shortText)
  name!: string;

  @ApiPropertyOptional({ maxLength: shortText })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(shortText)
  organisation?: string;

  @ApiPropertyOptional({ maxLength: shortText, description: 'An e-mail address or a phone number is required' })
  @Transform(optionalText)
  @IsOptional()
  @IsEmail()
  @MaxLength(shortText)
  email?: string;

  @ApiPropertyOptional({ example: '+41 22 917 12 34' })
  @Transform(optionalText)
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ().-]{5,29}$/, { message: 'source.phone must be a phone number (digits, spaces, + ( ) . -)' })
  phone?: string;

  @ApiProperty({ enum: SOURCE_RELATIONS, description: "The source's relation to the victim" })
  @IsIn(SOURCE_RELATIONS)
  relation!: SourceRelation;
}

/** The online questionnaire: what a source submits (C1). */
export class SubmitInformationDto {
  @ApiPropertyOptional({ example: 'IRN', description: 'ISO 3166-1 alpha-3 code of the State concerned (not OTH)' })
  @Transform(upperCase)
  @IsOptional()
  @Matches(STATE_CODE, { message: 'stateCode must be a three-letter ISO 3166-1 alpha-3 code' })
  stateCode?: string;

  @ApiPropertyOptional({
    maxLength: shortText,
    description: 'A company, international organisation or other non-State actor concerned',
  })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(shortText)
  otherRecipient?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['TORTURE'],
    description: 'Codes of the mandates addressed; none: for triage',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SUBMISSION_LIMITS.mandates)
  @ArrayUnique()
  @Matches(MANDATE_CODE, { each: true, message: 'each mandate must be a mandate code such as TORTURE' })
  mandates?: string[];

  @ApiPropertyOptional({
    type: [VictimInputDto],
    maxItems: SUBMISSION_LIMITS.victims,
    description: 'Required unless lawOrPolicy is given',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SUBMISSION_LIMITS.victims)
  @ValidateNested({ each: true })
  @Type(() => VictimInputDto)
  victims?: VictimInputDto[];

  @ApiPropertyOptional({
    maxLength: mediumText,
    description: 'For a law, bill, policy or practice: its identification',
  })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(mediumText)
  lawOrPolicy?: string;

  @ApiProperty({ type: [PerpetratorInputDto], minItems: 1, maxItems: SUBMISSION_LIMITS.perpetrators })
  @IsArray()
  @ArrayMinSize(1, { message: 'perpetrators must name at least one alleged perpetrator' })
  @ArrayMaxSize(SUBMISSION_LIMITS.perpetrators)
  @ValidateNested({ each: true })
  @Type(() => PerpetratorInputDto)
  perpetrators!: PerpetratorInputDto[];

  @ApiProperty({ type: SourceInputDto })
  @IsDefined({ message: 'source is required: anonymous submissions are not considered' })
  @ValidateNested()
  @Type(() => SourceInputDto)
  source!: SourceInputDto;

  @ApiProperty({ format: 'date', description: 'Date of the events, or of the first of them' })
  @IsCalendarDate()
  occurredFrom!: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last date of the events, if they lasted' })
  @IsOptional()
  @IsCalendarDate()
  occurredTo?: string;

  @ApiProperty({ maxLength: mediumText, example: 'Evin prison, Tehran' })
  @Transform(requiredText)
  @IsString()
  @IsNotEmpty({ message: 'place is required' })
  @MaxLength(mediumText)
  place!: string;

  @ApiProperty({
    minLength: SUBMISSION_LIMITS.descriptionMin,
    maxLength: SUBMISSION_LIMITS.descriptionMax,
    description: 'What happened',
  })
  @Transform(requiredText)
  @IsString()
  @MinLength(SUBMISSION_LIMITS.descriptionMin)
  @MaxLength(SUBMISSION_LIMITS.descriptionMax)
  description!: string;

  @ApiPropertyOptional({ maxLength: longText, description: 'Remedies sought at home, if any; never a condition (C3)' })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(longText)
  domesticRemedies?: string;

  @ApiPropertyOptional({ description: 'Whether domestic remedies were exhausted; never a condition (C3)' })
  @IsOptional()
  @IsBoolean()
  remediesExhausted?: boolean;

  @ApiPropertyOptional({
    enum: CONFIDENTIAL_FIELDS,
    isArray: true,
    description: 'Parts the source wants kept confidential',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CONFIDENTIAL_FIELDS, {
    each: true,
    message: `each confidential field must be one of: ${CONFIDENTIAL_FIELDS.join(', ')}`,
  })
  confidentialFields?: ConfidentialField[];
}

/** Information an assistant received by e-mail, letter, in a meeting or otherwise. */
export class CreateSubmissionDto extends SubmitInformationDto {
  @ApiProperty({ enum: ASSISTANT_CHANNELS })
  @IsIn(ASSISTANT_CHANNELS)
  channel!: AssistantChannel;
}

/** Keeps a property's rules for any value given, null included (the pipe refuses null where it is not documented). */
const given = (_object: object, value: unknown) => value !== undefined;

/**
 * Corrects the facts of a submission: a field left out is kept, a nullable one given as null is
 * cleared. The source and the channel are not facts of the case and are not edited here; the
 * mandates have their own operation. The result must still hold the minimum content (C1).
 */
export class UpdateSubmissionDto {
  @ApiPropertyOptional({ example: 'IRN', nullable: true, type: String, description: 'The State concerned (not OTH)' })
  @Transform(({ value }: { value: unknown }) => (value === null ? null : upperCase({ value })))
  @IsOptional()
  @Matches(STATE_CODE, { message: 'stateCode must be a three-letter ISO 3166-1 alpha-3 code' })
  stateCode?: string | null;

  @ApiPropertyOptional({ maxLength: shortText, nullable: true, type: String })
  @Transform(({ value }: { value: unknown }) => (value === null ? null : (optionalText({ value }) ?? null)))
  @IsOptional()
  @IsString()
  @MaxLength(shortText)
  otherRecipient?: string | null;

  @ApiPropertyOptional({ type: [VictimInputDto], maxItems: SUBMISSION_LIMITS.victims })
  @ValidateIf(given)
  @IsArray()
  @ArrayMaxSize(SUBMISSION_LIMITS.victims)
  @ValidateNested({ each: true })
  @Type(() => VictimInputDto)
  victims?: VictimInputDto[];

  @ApiPropertyOptional({ maxLength: mediumText, nullable: true, type: String })
  @Transform(({ value }: { value: unknown }) => (value === null ? null : (optionalText({ value }) ?? null)))
  @IsOptional()
  @IsString()
  @MaxLength(mediumText)
  lawOrPolicy?: string | null;

  @ApiPropertyOptional({ type: [PerpetratorInputDto], minItems: 1, maxItems: SUBMISSION_LIMITS.perpetrators })
  @ValidateIf(given)
  @IsArray()
  @ArrayMinSize(1, { message: 'perpetrators must name at least one alleged perpetrator' })
  @ArrayMaxSize(SUBMISSION_LIMITS.perpetrators)
  @ValidateNested({ each: true })
  @Type(() => PerpetratorInputDto)
  perpetrators?: PerpetratorInputDto[];

  @ApiPropertyOptional({ format: 'date' })
  @ValidateIf(given)
  @IsCalendarDate()
  occurredFrom?: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @IsOptional()
  @IsCalendarDate()
  occurredTo?: string | null;

  @ApiPropertyOptional({ maxLength: mediumText })
  @Transform(requiredText)
  @ValidateIf(given)
  @IsString()
  @IsNotEmpty({ message: 'place must not be empty' })
  @MaxLength(mediumText)
  place?: string;

  @ApiPropertyOptional({ minLength: SUBMISSION_LIMITS.descriptionMin, maxLength: SUBMISSION_LIMITS.descriptionMax })
  @Transform(requiredText)
  @ValidateIf(given)
  @IsString()
  @MinLength(SUBMISSION_LIMITS.descriptionMin)
  @MaxLength(SUBMISSION_LIMITS.descriptionMax)
  description?: string;

  @ApiPropertyOptional({ maxLength: longText, nullable: true, type: String })
  @Transform(({ value }: { value: unknown }) => (value === null ? null : (optionalText({ value }) ?? null)))
  @IsOptional()
  @IsString()
  @MaxLength(longText)
  domesticRemedies?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Boolean })
  @IsOptional()
  @IsBoolean()
  remediesExhausted?: boolean | null;

  @ApiPropertyOptional({ enum: CONFIDENTIAL_FIELDS, isArray: true })
  @ValidateIf(given)
  @IsArray()
  @ArrayUnique()
  @IsIn(CONFIDENTIAL_FIELDS, {
    each: true,
    message: `each confidential field must be one of: ${CONFIDENTIAL_FIELDS.join(', ')}`,
  })
  confidentialFields?: ConfidentialField[];
}
