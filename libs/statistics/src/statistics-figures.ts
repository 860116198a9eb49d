/**
 * The figures whose rows can be listed as CSV (`GET /statistics/figures/{figure}.csv`), with the
 * definition each one counts. "Letters of the period": letters sent from `from` to `to`, and on or
 * before the cut-off. "Replies": replies received, a correction of a reply not counted as a reply (C10).
 */
export enum Figure {
  LettersSent = 'letters-sent',
  LettersToStates = 'letters-to-states',
  LettersToOtherRecipients = 'letters-to-other-recipients',
  JointLetters = 'joint-letters',
  LettersWithIndividuals = 'letters-with-individuals',
  LettersWithWomen = 'letters-with-women',
  LettersReplied = 'letters-replied',
  LettersRepliedOnTime = 'letters-replied-on-time',
  LettersNotReplied = 'letters-not-replied',
  LettersFollowedUp = 'letters-followed-up',
  ReprisalLetters = 'reprisal-letters',
  RepliesReceived = 'replies-received',
  RepliesToPeriodLetters = 'replies-to-period-letters',
  RepliesToEarlierLetters = 'replies-to-earlier-letters',
  RepliesToLaterLetters = 'replies-to-later-letters',
  VisitRequestsMade = 'visit-requests-made',
  VisitRequestsAccepted = 'visit-requests-accepted',
  VisitsCarriedOut = 'visits-carried-out',
  VisitRequestsPending = 'visit-requests-pending',
  StandingInvitations = 'standing-invitations',
}

export type FigureKind = 'letters' | 'replies' | 'visits' | 'invitations';

export interface FigureDefinition {
  kind: FigureKind;
  definition: string;
}

export const FIGURES: Record<Figure, FigureDefinition> = {
  [Figure.LettersSent]: { kind: 'letters', definition: 'Letters sent in the period, on or before the cut-off.' },
  [Figure.LettersToStates]: {
    kind: 'letters',
    definition: 'Letters of the period addressed to a State (Member or observer).',
  },
  [Figure.LettersToOtherRecipients]: {
    kind: 'letters',
    definition:
      'Letters of the period addressed to a non-State recipient (company, international organisation, other non-State actor).',
  },
  [Figure.JointLetters]: {
    kind: 'letters',
    definition: 'Letters of the period signed by two or more mandates (imported JUA, JAL, JOL included).',
  },
  [Figure.LettersWithIndividuals]: {
    kind: 'letters',
    definition:
      'Letters of the period naming at least one individual victim (a person, not a group or community); the column individuals adds up to the figure.',
  },
  [Figure.LettersWithWomen]: {
    kind: 'letters',
    definition:
      'Letters of the period naming at least one woman among the individual victims; the column women adds up to the figure.',
  },
  [Figure.LettersReplied]: {
    kind: 'letters',
    definition: 'Letters of the period with at least one reply received on or before the cut-off.',
  },
  [Figure.LettersRepliedOnTime]: {
    kind: 'letters',
    definition:
      'Letters of the period with a reply received on or before its reply-requested date (C9) and on or before the cut-off.',
  },
  [Figure.LettersNotReplied]: {
    kind: 'letters',
    definition: 'Letters of the period without any reply received on or before the cut-off.',
  },
  [Figure.LettersFollowedUp]: {
    kind: 'letters',
    definition: 'Letters of the period that a later letter, sent on or before the cut-off, follows up.',
  },
  [Figure.ReprisalLetters]: { kind: 'letters', definition: 'Letters of the period flagged as reprisal cases (C15).' },
  [Figure.RepliesReceived]: {
    kind: 'replies',
    definition:
      'Replies received in the replies window (by default the period), on or before the cut-off, to letters of any date.',
  },
  [Figure.RepliesToPeriodLetters]: {
    kind: 'replies',
    definition: 'Replies received in the replies window to letters of the period.',
  },
  [Figure.RepliesToEarlierLetters]: {
    kind: 'replies',
    definition: 'Replies received in the replies window to letters sent before the period.',
  },
  [Figure.RepliesToLaterLetters]: {
    kind: 'replies',
    definition:
      'Replies received in the replies window to letters sent after the period (only with a replies window that ends after the period).',
  },
  [Figure.VisitRequestsMade]: {
    kind: 'visits',
    definition: 'Country-visit requests made in the period, on or before the cut-off, whatever their status since.',
  },
  [Figure.VisitRequestsAccepted]: {
    kind: 'visits',
    definition:
      'Country-visit requests the State accepted in the period, on or before the cut-off (an invitation after the request counts as an acceptance), whenever the request was made: the day of the first move to accepted, dates proposed, scheduled, under way or completed, recorded by the end of the cut-off day (the day the answer was received when recorded).',
  },
  [Figure.VisitsCarriedOut]: {
    kind: 'visits',
    definition:
      'Country visits completed (status as of the end of the cut-off day) whose last day falls in the period, on or before the cut-off.',
  },
  [Figure.VisitRequestsPending]: {
    kind: 'visits',
    definition:
      'Visit requests made on or before the cut-off and, at the end of that day, not yet agreed to by the State (requested, reminder sent, acknowledged, no response).',
  },
  [Figure.StandingInvitations]: {
    kind: 'invitations',
    definition:
      'States with a standing invitation (V2) in force on the cut-off day: issued on or before it and not withdrawn by then.',
  },
};

export const ALL_FIGURES: readonly Figure[] = Object.values(Figure);

/** The text of the OpenAPI description of a figure field. */
export function describeFigure(figure: Figure, extra = ''): string {
  return `${FIGURES[figure].definition}${extra ? ` ${extra}` : ''} CSV: /statistics/figures/${figure}.csv with the same query.`;
}
