import { JobHandler, JobName } from '@spcomms/queue';
import { MissingJobHandlerError, indexHandlers } from './worker-host.service';

const handlerFor = (jobName: JobName): JobHandler => ({ jobName, handle: () => Promise.resolve(jobName) });
const ALL = Object.values(JobName);

describe('indexHandlers', () => {
  it('indexes one handler per job name', () => {
    const handlers = ALL.map(handlerFor);
    const byName = indexHandlers(handlers);
    expect([...byName.keys()].sort()).toEqual([...ALL].sort());
    for (const handler of handlers) {
      expect(byName.get(handler.jobName)).toBe(handler);
    }
  });

  it.each(ALL)('refuses to start without a handler for %s', (missing) => {
    const handlers = ALL.filter((name) => name !== missing).map(handlerFor);
    expect(() => indexHandlers(handlers)).toThrow(MissingJobHandlerError);
    expect(() => indexHandlers(handlers)).toThrow(`The worker has no handler for job(s): ${missing}`);
  });

  it('names every job without a handler', () => {
    expect(() => indexHandlers([])).toThrow(`The worker has no handler for job(s): ${ALL.join(', ')}`);
  });

  it('refuses two handlers for the same job name', () => {
    const handlers = [...ALL.map(handlerFor), handlerFor(JobName.AuditVerify)];
    expect(() => indexHandlers(handlers)).toThrow(MissingJobHandlerError);
    expect(() => indexHandlers(handlers)).toThrow(`Two handlers for job ${JobName.AuditVerify}`);
  });
});
