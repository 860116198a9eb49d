import { ScheduleView } from './schedule-handler';
import { ScheduleDto } from './schedule.dto';
import { ScheduleEntity } from './schedule.entity';

export const mapSchedule = (row: ScheduleEntity): ScheduleDto => ({
  id: row.id,
  kind: row.kind,
  subject: { type: row.subjectType, id: row.subjectId },
  dueAt: row.dueAt.toISOString(),
  state: row.state,
  attempts: row.attempts,
  lastError: row.lastError,
  doneAt: row.doneAt ? row.doneAt.toISOString() : null,
  payload: row.payload,
});

export const mapScheduleView = (row: ScheduleEntity): ScheduleView => ({
  id: row.id,
  kind: row.kind,
  subject: { type: row.subjectType, id: row.subjectId },
  dueAt: row.dueAt,
  payload: row.payload,
  attempts: row.attempts,
});
