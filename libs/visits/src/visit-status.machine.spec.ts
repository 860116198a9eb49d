import { ErrorKind } from '@spcomms/errors';
import {
  ALL_VISIT_STATUSES,
  CLOSED,
  VisitStatus,
  allowedNext,
  assertMove,
  awaitsAnswer,
  canMove,
} from './visit-status.machine';
import { VisitsErrorCode, VisitsException } from './visits.exception';

/**
 * V1, written out independently of the code's table: one row per current status, one column per
 * status to move to, X where the move is allowed.
 */
const COLUMNS = [
  'requested',
  'reminder_sent',
  'acknowledged',
  'accepted',
  'dates_proposed',
  'scheduled',
  'under_way',
  'completed',
  'declined',
  'postponed',
  'cancelled',
  'no_response',
];
const MATRIX = `
                 req rem ack acc dpr sch und com dec pos can nor
  requested       .   X   X   X   X   .   .   .   X   X   X   X
  reminder_sent   .   X   X   X   X   .   .   .   X   X   X   X
  acknowledged    .   X   .   X   X   .   .   .   X   X   X   X
  accepted        .   .   .   .   X   X   .   .   X   X   X   .
  dates_proposed  .   .   .   .   X   X   .   .   X   X   X   .
  scheduled       .   .   .   .   .   .   X   .   .   X   X   .
  under_way       .   .   .   .   .   .   .   X   .   .   .   .
  completed       .   .   .   .   .   .   .   .   .   .   .   .
  declined        .   .   .   .   .   .   .   .   .   .   .   .
  postponed       .   .   .   .   X   X   .   .   .   .   X   .
  cancelled       .   .   .   .   .   .   .   .   .   .   .   .
  no_response     .   .   X   X   X   .   .   .   X   .   X   .
`;

const expected = new Map<string, string[]>(
  MATRIX.trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [from, ...cells] = line.trim().split(/\s+/);
      return [from, COLUMNS.filter((_, index) => cells[index] === 'X')];
    }),
);

const cases = ALL_VISIT_STATUSES.flatMap((from) =>
  ALL_VISIT_STATUSES.map((to) => ({ from, to, allowed: expected.get(from)!.includes(to) })),
);

describe('visit status machine (V1)', () => {
  it('has a row for every status and a column for every status', () => {
    expect([...expected.keys()].sort()).toEqual([...ALL_VISIT_STATUSES].sort());
    expect([...COLUMNS].sort()).toEqual([...ALL_VISIT_STATUSES].sort());
  });

  it.each(cases.filter((c) => c.allowed))('allows $from → $to', ({ from, to }) => {
    expect(canMove(from, to)).toBe(true);
    expect(() => assertMove(from, to)).not.toThrow();
  });

  it.each(cases.filter((c) => !c.allowed))(
    'refuses $from → $to with 409 and the allowed next statuses',
    ({ from, to }) => {
      expect(canMove(from, to)).toBe(false);
      let error: unknown;
      try {
        assertMove(from, to);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(VisitsException);
      const refusal = error as VisitsException;
      expect(refusal.kind).toBe(ErrorKind.Conflict);
      expect(refusal.code).toBe(VisitsErrorCode.InvalidMove);
      const details = refusal.details as { from: string; to: string; allowedNext: string[] };
      expect(details.from).toBe(from);
      expect(details.to).toBe(to);
      expect([...details.allowedNext].sort()).toEqual([...expected.get(from)!].sort());
    },
  );

  it('never lets a visit move back to requested: a request is made once', () => {
    for (const from of ALL_VISIT_STATUSES) {
      expect(allowedNext(from)).not.toContain(VisitStatus.Requested);
    }
  });

  it('closes completed, declined and cancelled requests only', () => {
    expect([...CLOSED].sort()).toEqual([VisitStatus.Cancelled, VisitStatus.Completed, VisitStatus.Declined].sort());
  });

  it('awaits an answer of the State only while requested, reminded or acknowledged (V3)', () => {
    expect(ALL_VISIT_STATUSES.filter(awaitsAnswer).sort()).toEqual(
      [VisitStatus.Acknowledged, VisitStatus.Requested, VisitStatus.ReminderSent].sort(),
    );
  });

  it('answers a copy, so that callers cannot change the table', () => {
    allowedNext(VisitStatus.Requested).push(VisitStatus.Completed);
    expect(canMove(VisitStatus.Requested, VisitStatus.Completed)).toBe(false);
  });
});
