import { Logger } from '@nestjs/common';
import { Clock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { QueueSync } from './queue-sync.service';
import { ScheduleHandler, ScheduleHandlerRegistry, ScheduleHandlerResult } from './schedule-handler';
import { ScheduleRunner } from './schedule-runner.service';
import { ScheduleEntity, ScheduleState } from './schedule.entity';
import { ScheduleRepository } from './schedule.repository';

const taken = (id: string, kind: string): ScheduleEntity =>
  Object.assign(new ScheduleEntity(), {
    id,
    kind,
    subjectType: 'unit',
    subjectId: `subject-${id}`,
    dueAt: new Date('2026-03-02T08:00:00Z'),
    state: ScheduleState.Done,
    attempts: 0,
    lastError: null,
    retryAt: null,
    payload: {},
    createdAt: new Date('2026-03-01T08:00:00Z'),
    doneAt: new Date('2026-03-02T09:00:00Z'),
  });

/** The runner over a repository that takes every row asked for, in a transaction that just runs. */
function runnerWith(handlers: ScheduleHandler[]) {
  const repository = {
    takeForRun: jest.fn(async (id: string) => taken(id, id.split(':')[0])),
    takeManyForRun: jest.fn(async (ids: string[]) => new Map(ids.map((id) => [id, taken(id, id.split(':')[0])]))),
    markTakenSkipped: jest.fn(async () => undefined),
  };
  const tx = { run: <T>(work: () => Promise<T>) => work() };
  const sut = new ScheduleRunner(
    repository as unknown as ScheduleRepository,
    new ScheduleHandlerRegistry(handlers),
    tx as unknown as TransactionHost,
    { now: () => new Date('2026-03-02T09:00:00Z') } as Clock,
    {} as AppConfig,
    {} as QueueSync,
  );
  return { sut, repository };
}

describe('schedule runner: what a handler answers becomes the row state', () => {
  // Each run logs a line; the tests keep the output quiet (one test reads the lines).
  beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('marks a row skipped when its handler answers skipped, and leaves it done otherwise', async () => {
    const { sut, repository } = runnerWith([
      { kind: 'unit.skip', run: async (): Promise<ScheduleHandlerResult> => 'skipped' },
      { kind: 'unit.plain', run: async () => undefined },
    ]);
    await expect(sut.run('unit.skip:1')).resolves.toBe('skipped');
    expect(repository.markTakenSkipped).toHaveBeenCalledWith(['unit.skip:1']);
    repository.markTakenSkipped.mockClear();
    await expect(sut.run('unit.plain:1')).resolves.toBe('done');
    expect(repository.markTakenSkipped).not.toHaveBeenCalled();
  });

  it('marks, in a batch, the rows the handler answers skipped, one result per row in order', async () => {
    const runMany = jest.fn(async (): Promise<ScheduleHandlerResult[]> => ['done', 'skipped', 'done']);
    const { sut, repository } = runnerWith([{ kind: 'unit.batch', run: async () => undefined, runMany }]);
    const results = await sut.runMany(
      ['unit.batch:1', 'unit.batch:2', 'unit.batch:3'].map((scheduleId) => ({ scheduleId, jobId: scheduleId })),
    );
    expect(results).toEqual(['done', 'skipped', 'done'].map((value) => ({ status: 'fulfilled', value })));
    expect(repository.markTakenSkipped).toHaveBeenCalledWith(['unit.batch:2']);
  });

  it('logs each row run, alone or in a batch, with its kind, subject and outcome', async () => {
    const log = jest.mocked(Logger.prototype.log);
    const runMany = jest.fn(async (): Promise<ScheduleHandlerResult[]> => ['done', 'skipped']);
    const { sut } = runnerWith([
      { kind: 'unit.skip', run: async (): Promise<ScheduleHandlerResult> => 'skipped' },
      { kind: 'unit.batch', run: async () => undefined, runMany },
    ]);
    await sut.run('unit.skip:1');
    await sut.runMany(['unit.batch:1', 'unit.batch:2'].map((scheduleId) => ({ scheduleId, jobId: scheduleId })));

    expect(log.mock.calls.map(([fields, message]) => [fields, message])).toEqual([
      [
        {
          scheduleId: 'unit.skip:1',
          kind: 'unit.skip',
          subjectType: 'unit',
          subjectId: 'subject-unit.skip:1',
          outcome: 'skipped',
        },
        'Schedule unit.skip for unit subject-unit.skip:1: skipped',
      ],
      [
        expect.objectContaining({ scheduleId: 'unit.batch:1', outcome: 'done' }),
        'Schedule unit.batch for unit subject-unit.batch:1: done',
      ],
      [
        expect.objectContaining({ scheduleId: 'unit.batch:2', outcome: 'skipped' }),
        'Schedule unit.batch for unit subject-unit.batch:2: skipped',
      ],
    ]);
  });
});
