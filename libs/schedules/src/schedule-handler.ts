import { Inject, Injectable } from '@nestjs/common';
import { declaredScheduleKinds } from './schedule-kinds';

/** What a handler is given: the row, as plain data. */
export interface ScheduleView {
  id: string;
  kind: string;
  subject: { type: string; id: string };
  dueAt: Date;
  payload: Record<string, unknown>;
  /** Failed runs before this one. */
  attempts: number;
}

export interface ScheduleRunContext {
  /** The injected clock's time when the run started. */
  now: Date;
  jobId: string;
}

/**
 * What a run did: `done`, or `skipped` when the handler found that what the row stands for is no
 * longer true (the row then shows `skipped`, not `done`). A handler that answers nothing did it.
 */
export type ScheduleHandlerResult = 'done' | 'skipped';

/**
 * Does what one kind of schedule means. `run` is called inside the transaction that marks the
 * row done: write through repositories (TransactionHost) and the work and the mark commit together.
 * Side effects outside PostgreSQL (e-mail) go through the outbox (NotificationsService.enqueue).
 */
export interface ScheduleHandler {
  readonly kind: string;
  run(schedule: ScheduleView, context: ScheduleRunContext): Promise<ScheduleHandlerResult | void>;
  /**
   * Optional: does for several rows of this kind, in the same transaction, what `run` does for each
   * in turn, with a few statements for the whole set (the reminders of a day fall due together).
   * Without it, a batch runs `run` row by row. Answers each row's result in the order given, or
   * nothing when every row was done.
   */
  runMany?(schedules: ScheduleView[], context: ScheduleBatchContext): Promise<readonly ScheduleHandlerResult[] | void>;
}

export interface ScheduleBatchContext {
  /** The injected clock's time when the batch started. */
  now: Date;
}

export const SCHEDULE_HANDLERS = Symbol('SCHEDULE_HANDLERS');

export class ScheduleHandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleHandlerError';
  }
}

/** One handler per kind, checked at boot. */
@Injectable()
export class ScheduleHandlerRegistry {
  private readonly byKind = new Map<string, ScheduleHandler>();

  constructor(@Inject(SCHEDULE_HANDLERS) handlers: ScheduleHandler[]) {
    for (const handler of handlers) {
      if (this.byKind.has(handler.kind)) {
        throw new ScheduleHandlerError(`Two handlers for schedule kind ${handler.kind}`);
      }
      this.byKind.set(handler.kind, handler);
    }
  }

  get(kind: string): ScheduleHandler | undefined {
    return this.byKind.get(kind);
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }

  /** Throws when a declared kind (see declareScheduleKind) has no handler: the worker must not start. */
  assertEveryKindHandled(): void {
    const missing = declaredScheduleKinds().filter((kind) => !this.byKind.has(kind));
    if (missing.length > 0) {
      throw new ScheduleHandlerError(`The worker has no handler for schedule kind(s): ${missing.join(', ')}`);
    }
  }
}
