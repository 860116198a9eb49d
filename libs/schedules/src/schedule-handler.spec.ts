import { ScheduleHandler, ScheduleHandlerError, ScheduleHandlerRegistry } from './schedule-handler';
import { declareScheduleKind, declaredScheduleKinds, isDeclaredScheduleKind } from './schedule-kinds';
import { scheduleJob } from './schedule-relay.service';

const handler = (kind: string): ScheduleHandler => ({ kind, run: async () => undefined });

describe('schedule kinds and handlers', () => {
  const reminder = declareScheduleKind('unit.reminder');

  it('knows the declared kinds and refuses a malformed one', () => {
    expect(isDeclaredScheduleKind(reminder)).toBe(true);
    expect(isDeclaredScheduleKind('unit.other')).toBe(false);
    expect(declaredScheduleKinds()).toContain('unit.reminder');
    expect(() => declareScheduleKind('Reminder Before')).toThrow(/dotted lower-case/);
  });

  it('refuses to start when a declared kind has no handler', () => {
    declareScheduleKind('unit.orphan');
    const registry = new ScheduleHandlerRegistry([handler(reminder)]);
    expect(() => registry.assertEveryKindHandled()).toThrow(
      new ScheduleHandlerError('The worker has no handler for schedule kind(s): unit.orphan'),
    );
    expect(() =>
      new ScheduleHandlerRegistry([handler(reminder), handler('unit.orphan')]).assertEveryKindHandled(),
    ).not.toThrow();
  });

  it('refuses two handlers for one kind', () => {
    expect(() => new ScheduleHandlerRegistry([handler(reminder), handler(reminder)])).toThrow(
      /Two handlers for schedule kind unit.reminder/,
    );
  });

  it('names the job of a row after the row and its attempt, and runs a retry at its retry time', () => {
    const dueAt = new Date('2026-03-02T09:00:00Z');
    const retryAt = new Date('2026-03-02T09:01:00Z');
    expect(scheduleJob({ id: 'abc', dueAt, retryAt: null, attempts: 0 })).toEqual({
      jobId: 'schedule:abc:0',
      payload: { scheduleId: 'abc' },
      runAt: dueAt,
    });
    expect(scheduleJob({ id: 'abc', dueAt, retryAt, attempts: 2 })).toMatchObject({
      jobId: 'schedule:abc:2',
      runAt: retryAt,
    });
  });
});
