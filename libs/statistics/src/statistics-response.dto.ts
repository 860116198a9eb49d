import { ApiProperty } from '@nestjs/swagger';
import { Figure, describeFigure } from './statistics-figures';
import { REGIONS } from './regions';

const CSV_LINK = 'Path and query of the CSV of the rows this figure counts';

/** A count, with the link to the CSV of the letters (or replies, visits, States) it counts. */
export class FigureDto {
  @ApiProperty({ example: 534 }) value!: number;
  @ApiProperty({
    example: '/statistics/figures/letters-sent.csv?from=2017-01-01&to=2017-12-31&cutoff=2018-01-31',
    description: CSV_LINK,
  })
  csv!: string;
}

/** A share: numerator ÷ denominator, null when the denominator is 0. */
export class RateDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 0.6835,
    description: 'numerator ÷ denominator, rounded to 4 decimals',
  })
  value!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 68,
    description: 'The same as a whole percentage, as reports print it',
  })
  percent!: number | null;
  @ApiProperty({ example: 365 }) numerator!: number;
  @ApiProperty({ example: 534 }) denominator!: number;
}

export class StatisticsPeriodDto {
  @ApiProperty({ format: 'date', description: 'First day of sending counted' }) from!: string;
  @ApiProperty({ format: 'date', description: 'Last day of sending counted' }) to!: string;
  @ApiProperty({ format: 'date', description: 'Letters sent and replies received after this day do not count' })
  cutoff!: string;
  @ApiProperty({ format: 'date', description: 'First day of the window of replies received' }) repliesFrom!: string;
  @ApiProperty({ format: 'date', description: 'Last day of the window of replies received' }) repliesTo!: string;
  @ApiProperty({
    enum: ['all', 'mandates'],
    description: 'all: every letter; mandates: only letters signed by one of the mandates listed',
  })
  scope!: 'all' | 'mandates';
  @ApiProperty({
    type: [String],
    example: ['TORTURE'],
    description: 'Codes of the mandates the figures are limited to (empty for all)',
  })
  mandates!: string[];
}

export class LetterFiguresDto {
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.LettersSent) }) sent!: FigureDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.LettersToStates) }) toStates!: FigureDto;
  @ApiProperty({
    description: 'Distinct States (Member and observer) addressed by letters of the period. CSV: letters-to-states.',
  })
  statesAddressed!: number;
  @ApiProperty({ description: 'Distinct Member States addressed by letters of the period.' })
  memberStatesAddressed!: number;
  @ApiProperty({ example: 193, description: 'Member States of the United Nations (the reference data).' })
  memberStates!: number;
  @ApiProperty({ type: RateDto, description: 'memberStatesAddressed ÷ memberStates.' }) memberStateShare!: RateDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.LettersToOtherRecipients) })
  toOtherRecipients!: FigureDto;
  @ApiProperty({
    description: 'Distinct non-State recipients addressed by letters of the period. CSV: letters-to-other-recipients.',
  })
  otherRecipients!: number;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.JointLetters) }) joint!: FigureDto;
  @ApiProperty({ type: RateDto, description: 'Joint letters ÷ letters sent.' }) jointShare!: RateDto;
  @ApiProperty({
    type: FigureDto,
    description: describeFigure(
      Figure.LettersWithIndividuals,
      'The value is the number of individuals: victims of the sent version that are persons, not groups or communities.',
    ),
  })
  individuals!: FigureDto;
  @ApiProperty({
    type: FigureDto,
    description: describeFigure(
      Figure.LettersWithWomen,
      'The value is the number of those individuals whose gender is female.',
    ),
  })
  women!: FigureDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.LettersFollowedUp) }) followedUp!: FigureDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.ReprisalLetters) }) reprisals!: FigureDto;
}

export class ReplyFiguresDto {
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.LettersReplied) }) lettersReplied!: FigureDto;
  @ApiProperty({ type: RateDto, description: 'Reply rate: letters replied ÷ letters sent (2017: 365 ÷ 534 = 68%).' })
  replyRate!: RateDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.LettersRepliedOnTime) })
  lettersRepliedOnTime!: FigureDto;
  @ApiProperty({ type: RateDto, description: 'On-time rate: letters replied on time ÷ letters sent.' })
  onTimeRate!: RateDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.LettersNotReplied) })
  lettersNotReplied!: FigureDto;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Median, over the letters replied, of the calendar days from sending to the first reply received. CSV: letters-replied (column days_to_reply).',
  })
  medianDaysToReply!: number | null;
  @ApiProperty({
    type: FigureDto,
    description: describeFigure(Figure.RepliesReceived, 'Equals toPeriodLetters + toEarlierLetters + toLaterLetters.'),
  })
  received!: FigureDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.RepliesToPeriodLetters) })
  toPeriodLetters!: FigureDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.RepliesToEarlierLetters) })
  toEarlierLetters!: FigureDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.RepliesToLaterLetters) })
  toLaterLetters!: FigureDto;
}

export class TypeRowDto {
  @ApiProperty({ enum: ['UA', 'AL', 'OL'], description: 'Imported JUA, JAL, JOL count as UA, AL, OL' }) type!: string;
  @ApiProperty({ description: 'Letters of the period of this type' }) letters!: number;
  @ApiProperty({ description: 'Of those, joint letters' }) joint!: number;
  @ApiProperty({ description: 'Of those, letters replied by the cut-off' }) replied!: number;
  @ApiProperty({ description: 'Of those, letters replied on time' }) onTime!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'replied ÷ letters' }) replyRate!: number | null;
  @ApiProperty({ description: CSV_LINK }) csv!: string;
}

export class StateRowDto {
  @ApiProperty({ example: 'IRN' }) code!: string;
  @ApiProperty({ example: 'Iran (Islamic Republic of)' }) name!: string;
  @ApiProperty({ enum: ['member', 'observer', 'pseudo'], description: 'pseudo: the row of all non-State recipients' })
  status!: string;
  @ApiProperty({ enum: REGIONS }) region!: string;
  @ApiProperty({ description: 'Letters of the period received by the State' }) letters!: number;
  @ApiProperty({ description: 'Of those, letters replied by the cut-off' }) replied!: number;
  @ApiProperty({ description: 'Of those, letters replied on time' }) onTime!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'replied ÷ letters' }) replyRate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'onTime ÷ letters' }) onTimeRate!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Median days from sending to the first reply, over the letters replied',
  })
  medianDaysToReply!: number | null;
  @ApiProperty({ description: CSV_LINK }) csv!: string;
}

export class RegionRowDto {
  @ApiProperty({ enum: REGIONS }) region!: string;
  @ApiProperty({ example: 'African Group' }) name!: string;
  @ApiProperty({
    description: 'Distinct States of the region addressed (for other-recipients: distinct non-State recipients)',
  })
  recipients!: number;
  @ApiProperty() letters!: number;
  @ApiProperty() replied!: number;
  @ApiProperty() onTime!: number;
  @ApiProperty({ nullable: true, type: Number }) replyRate!: number | null;
  @ApiProperty({ description: CSV_LINK }) csv!: string;
}

export class MandateRowDto {
  @ApiProperty({ example: 'TORTURE' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Letters of the period the mandate signed (led + joined)' }) letters!: number;
  @ApiProperty({ description: 'Letters it led' }) led!: number;
  @ApiProperty({ description: 'Letters it joined as a co-signer' }) joined!: number;
  @ApiProperty({ description: 'Of its letters, those replied by the cut-off' }) replied!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'replied ÷ letters' }) replyRate!: number | null;
  @ApiProperty({ description: CSV_LINK }) csv!: string;
}

export class VisitFiguresDto {
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.VisitRequestsMade) }) requested!: FigureDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.VisitRequestsAccepted) }) accepted!: FigureDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.VisitsCarriedOut) }) carriedOut!: FigureDto;
  @ApiProperty({ description: 'Distinct States of the visits carried out. CSV: visits-carried-out.' })
  countriesVisited!: number;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.VisitRequestsPending) })
  requestsPending!: FigureDto;
  @ApiProperty({ type: FigureDto, description: describeFigure(Figure.StandingInvitations) })
  standingInvitations!: FigureDto;
}

/** The figures of a period for the Coordination Committee (S). */
export class StatisticsDto {
  @ApiProperty({ type: StatisticsPeriodDto }) period!: StatisticsPeriodDto;
  @ApiProperty({ type: LetterFiguresDto }) letters!: LetterFiguresDto;
  @ApiProperty({ type: ReplyFiguresDto }) replies!: ReplyFiguresDto;
  @ApiProperty({ type: [TypeRowDto], description: 'Letters of the period per type' }) byType!: TypeRowDto[];
  @ApiProperty({
    type: [StateRowDto],
    description: 'Per recipient State (and one row OTH for all non-State recipients), most letters first',
  })
  byState!: StateRowDto[];
  @ApiProperty({ type: [RegionRowDto], description: 'Per UN regional group of the recipient' })
  byRegion!: RegionRowDto[];
  @ApiProperty({
    type: [MandateRowDto],
    description: 'Per mandate that signed letters of the period, most letters first',
  })
  byMandate!: MandateRowDto[];
  @ApiProperty({ type: VisitFiguresDto }) visits!: VisitFiguresDto;
}

export class TrendPointDto {
  @ApiProperty({ example: '2017-03', description: 'YYYY-MM or YYYY' }) period!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ description: 'Letters sent in the point' }) lettersSent!: number;
  @ApiProperty({ description: 'Distinct States addressed' }) statesAddressed!: number;
  @ApiProperty({ description: 'Distinct non-State recipients addressed' }) otherRecipients!: number;
  @ApiProperty() joint!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'joint ÷ lettersSent' }) jointShare!: number | null;
  @ApiProperty() individuals!: number;
  @ApiProperty() women!: number;
  @ApiProperty({ description: 'Letters of the point replied by the cut-off' }) lettersReplied!: number;
  @ApiProperty({ nullable: true, type: Number }) replyRate!: number | null;
  @ApiProperty() lettersRepliedOnTime!: number;
  @ApiProperty({ nullable: true, type: Number }) onTimeRate!: number | null;
  @ApiProperty({ nullable: true, type: Number }) medianDaysToReply!: number | null;
  @ApiProperty({ description: 'Replies received in the point (by the cut-off), to letters of any date' })
  repliesReceived!: number;
  @ApiProperty() followedUp!: number;
  @ApiProperty() reprisals!: number;
  @ApiProperty({ description: CSV_LINK }) csv!: string;
}

export class TrendDto {
  @ApiProperty({ enum: ['month', 'year'] }) interval!: string;
  @ApiProperty({ type: StatisticsPeriodDto }) period!: StatisticsPeriodDto;
  @ApiProperty({ type: [TrendPointDto] }) points!: TrendPointDto[];
}
