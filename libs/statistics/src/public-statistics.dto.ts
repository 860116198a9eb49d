import { ApiProperty } from '@nestjs/swagger';
import { REGIONS } from './regions';

/** The figures the public can expand into the CSV of the published letters they count. */
export enum PublicFigure {
  LettersPublished = 'letters-published',
  LettersToStates = 'letters-to-states',
  LettersToOtherRecipients = 'letters-to-other-recipients',
  JointLetters = 'joint-letters',
  LettersWithReply = 'letters-with-reply',
}

export const PUBLIC_FIGURE_DEFINITIONS: Record<PublicFigure, string> = {
  [PublicFigure.LettersPublished]: 'Published letters sent in the period.',
  [PublicFigure.LettersToStates]: 'Published letters of the period addressed to a State.',
  [PublicFigure.LettersToOtherRecipients]: 'Published letters of the period addressed to a non-State recipient.',
  [PublicFigure.JointLetters]: 'Published letters of the period signed by two or more mandates.',
  [PublicFigure.LettersWithReply]:
    'Published letters of the period for which at least one reply has been published (confidential replies count, as placeholders).',
};

const describe = (figure: PublicFigure) =>
  `${PUBLIC_FIGURE_DEFINITIONS[figure]} CSV: /public/statistics/figures/${figure}.csv with the same query.`;

export class PublicTypeRowDto {
  @ApiProperty({ enum: ['UA', 'AL', 'OL'] }) type!: string;
  @ApiProperty() letters!: number;
  @ApiProperty() joint!: number;
  @ApiProperty({ description: 'Letters with a published reply' }) withReply!: number;
}

export class PublicStateRowDto {
  @ApiProperty({ example: 'IRN', description: 'ISO alpha-3; OTH: all non-State recipients' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: REGIONS }) region!: string;
  @ApiProperty() letters!: number;
  @ApiProperty({ description: 'Letters with a published reply' }) withReply!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'withReply ÷ letters' }) replyShare!: number | null;
}

export class PublicRegionRowDto {
  @ApiProperty({ enum: REGIONS }) region!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Distinct recipients of the region addressed' }) recipients!: number;
  @ApiProperty() letters!: number;
  @ApiProperty() withReply!: number;
}

export class PublicMandateRowDto {
  @ApiProperty({ example: 'TORTURE' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Published letters the mandate signed' }) letters!: number;
  @ApiProperty() led!: number;
  @ApiProperty() joined!: number;
}

/** Aggregate tables of the published letters of a period (C11): no unpublished letter is counted. */
export class PublicStatisticsDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ description: describe(PublicFigure.LettersPublished) }) lettersPublished!: number;
  @ApiProperty({ description: describe(PublicFigure.LettersToStates) }) lettersToStates!: number;
  @ApiProperty({ description: 'Distinct States addressed by the published letters of the period' })
  statesAddressed!: number;
  @ApiProperty({ description: 'Distinct Member States addressed' }) memberStatesAddressed!: number;
  @ApiProperty({ example: 193 }) memberStates!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'memberStatesAddressed ÷ memberStates' })
  memberStateShare!: number | null;
  @ApiProperty({ description: describe(PublicFigure.LettersToOtherRecipients) }) lettersToOtherRecipients!: number;
  @ApiProperty({ description: 'Distinct non-State recipients addressed' }) otherRecipients!: number;
  @ApiProperty({ description: describe(PublicFigure.JointLetters) }) joint!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'joint ÷ lettersPublished' }) jointShare!: number | null;
  @ApiProperty({ description: describe(PublicFigure.LettersWithReply) }) lettersWithReply!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'lettersWithReply ÷ lettersPublished' }) replyShare!:
    number | null;
  @ApiProperty({
    description: 'Published replies (corrections excluded) received in the period, to letters of any date',
  })
  repliesPublished!: number;
  @ApiProperty({ type: [PublicTypeRowDto] }) byType!: PublicTypeRowDto[];
  @ApiProperty({ type: [PublicStateRowDto] }) byState!: PublicStateRowDto[];
  @ApiProperty({ type: [PublicRegionRowDto] }) byRegion!: PublicRegionRowDto[];
  @ApiProperty({ type: [PublicMandateRowDto] }) byMandate!: PublicMandateRowDto[];
  @ApiProperty({ description: 'How to read these figures' }) note!: string;
}

export class PublicYearDto {
  @ApiProperty({ example: 2017 }) year!: number;
  @ApiProperty() lettersPublished!: number;
  @ApiProperty() statesAddressed!: number;
  @ApiProperty() lettersToOtherRecipients!: number;
  @ApiProperty() joint!: number;
  @ApiProperty({ nullable: true, type: Number }) jointShare!: number | null;
  @ApiProperty() lettersWithReply!: number;
  @ApiProperty({ nullable: true, type: Number }) replyShare!: number | null;
}
