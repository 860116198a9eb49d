import { ApiProperty } from '@nestjs/swagger';
import { MAIL_LANGUAGES } from './mail-kinds';

/** An e-mail that could not be delivered: a permanent SMTP refusal, or attempts exhausted. */
export class MailFailureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'letter.reminder_before' }) kind!: string;
  @ApiProperty({ example: 'communication' }) subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ example: 'focal.point@mission.example' }) recipientAddress!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recipientUserId!: string | null;
  @ApiProperty({ enum: MAIL_LANGUAGES }) language!: string;
  @ApiProperty({ example: 'letter.reminder_before' }) template!: string;
  @ApiProperty() occasion!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, example: 'SMTP 550: mailbox unavailable' }) lastError!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: '<outbox.3f…@spcomms.local>' }) messageId!: string;
}

/** An outbox message as a lib shows it on its subject (e.g. the reminders of a letter). */
export class OutboxMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() occasion!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recipientUserId!: string | null;
  @ApiProperty({ enum: MAIL_LANGUAGES }) language!: string;
  @ApiProperty() template!: string;
  @ApiProperty({ enum: ['pending', 'sending', 'sent', 'failed'] }) state!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
