import { ApiProperty } from '@nestjs/swagger';
import { ScheduleState } from './schedule.entity';

export class ScheduleSubjectDto {
  @ApiProperty({ example: 'communication' }) type!: string;
  @ApiProperty() id!: string;
}

/** A schedule row as shown to the lib that planned it (e.g. on a letter's page). */
export class ScheduleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'letter.reminder.before' }) kind!: string;
  @ApiProperty({ type: ScheduleSubjectDto }) subject!: ScheduleSubjectDto;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({
    enum: ScheduleState,
    description:
      'pending; done; skipped: run, but no longer true when it ran (e.g. a reminder run after its day), so nothing was sent; cancelled; failed',
  })
  state!: ScheduleState;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) doneAt!: string | null;
  @ApiProperty({ type: Object }) payload!: Record<string, unknown>;
}
