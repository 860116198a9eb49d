import { ApiProperty } from '@nestjs/swagger';
import { AuditEventEntity } from './audit-event.entity';

export class AuditActorDto {
  @ApiProperty({ example: 'assistant', description: 'The role of the user, or `system` (the worker), or `public`' })
  type!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The user, if a user acted' }) id!:
    string | null;
  @ApiProperty({ example: 'reminders', description: 'The username, or the name of the system task' }) label!: string;
}

/** One event of a subject's audit trail: who did what when, with the ids, dates and flags it recorded. */
export class AuditEventDto {
  @ApiProperty({ example: '1042', description: 'Position in the audit log (ascending in time)' }) seq!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ example: 'communication.reminder_skipped' }) action!: string;
  @ApiProperty({ type: Object, nullable: true, description: 'What the event changed, as it was' }) before!:
    object | null;
  @ApiProperty({ type: Object, nullable: true, description: 'What the event recorded' }) after!: object | null;
}

export const mapAuditEvent = (event: AuditEventEntity): AuditEventDto => ({
  seq: String(event.seq),
  occurredAt: event.occurredAt.toISOString(),
  actor: { type: event.actorType, id: event.actorId, label: event.actorLabel },
  action: event.action,
  before: event.before,
  after: event.after,
});
