/**
 * V3: the reminders of an unanswered visit request, as the visits services need them. The
 * implementation keeps each reminder as a schedule row; these methods run inside the caller's
 * transaction, so that a reminder is planned exactly when the move that implies it is recorded.
 */
export abstract class VisitReminderPlanner {
  /** Plans a reminder of the visit for the day `dueOn` (Europe/Zurich). */
  abstract plan(visitId: string, dueOn: string): Promise<void>;

  /** Cancels the reminders still planned for the visit and plans one for `dueOn`. */
  abstract replan(visitId: string, dueOn: string): Promise<void>;

  /** Cancels the reminders still planned for the visit, if any. */
  abstract cancel(visitId: string): Promise<void>;
}
