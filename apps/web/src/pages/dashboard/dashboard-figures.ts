import { Figure, FigureDto, RateDto, StatisticsDto } from '@spcomms/statistics';
import { PageContext } from '../../render/page-context';
import { figureLinks } from './dashboard-query';

/** A figure of the dashboard: its words, its value written out, the page of its rows and their CSV. */
export interface FigureLine {
  id: string;
  label: string;
  value: string;
  drill: string | null;
  csv: string | null;
}

/** The API's CSV link of a figure, for another figure of the same cell (`letters-sent` → `letters-replied`). */
export function otherFigure(csv: string, figure: Figure): string {
  return csv.replace(/\/figures\/[a-z-]+\.csv/, `/figures/${figure}.csv`);
}

function line(context: PageContext, id: string, label: string, value: string, csv: string | null): FigureLine {
  const links = csv ? figureLinks(csv, context.href) : null;
  return { id, label, value, drill: links?.drill ?? null, csv: links?.csv ?? null };
}

const rateText = (context: PageContext, rate: RateDto) =>
  context.t('dashboard.value.rate', {
    count: context.format.number(rate.numerator),
    total: context.format.number(rate.denominator),
    share: context.format.percent(rate.value),
  });

/** The figures of a period, in three groups, each with its rows' page and CSV. */
export function figureLines(
  figures: StatisticsDto,
  context: PageContext,
): { letters: FigureLine[]; replies: FigureLine[]; visits: FigureLine[] } {
  const t = context.t;
  const n = (value: number) => context.format.number(value);
  const count = (id: string, figure: FigureDto) =>
    line(context, id, t(`dashboard.figure.${id}`), n(figure.value), figure.csv);
  const { letters, replies, visits } = figures;
  return {
    letters: [
      count('letters-sent', letters.sent),
      count('letters-to-states', letters.toStates),
      line(
        context,
        'states-reached',
        t('dashboard.figure.states-reached'),
        t('dashboard.value.states', {
          states: n(letters.statesAddressed),
          members: n(letters.memberStatesAddressed),
          share: context.format.percent(letters.memberStateShare.value),
        }),
        letters.toStates.csv,
      ),
      count('letters-to-other-recipients', letters.toOtherRecipients),
      line(
        context,
        'other-recipients-reached',
        t('dashboard.figure.other-recipients-reached'),
        n(letters.otherRecipients),
        letters.toOtherRecipients.csv,
      ),
      line(
        context,
        'joint-letters',
        t('dashboard.figure.joint-letters'),
        t('dashboard.value.share', {
          value: n(letters.joint.value),
          share: context.format.percent(letters.jointShare.value),
        }),
        letters.joint.csv,
      ),
      count('letters-followed-up', letters.followedUp),
    ],
    replies: [
      line(
        context,
        'letters-replied',
        t('dashboard.figure.letters-replied'),
        rateText(context, replies.replyRate),
        replies.lettersReplied.csv,
      ),
      line(
        context,
        'letters-replied-on-time',
        t('dashboard.figure.letters-replied-on-time'),
        rateText(context, replies.onTimeRate),
        replies.lettersRepliedOnTime.csv,
      ),
      count('letters-not-replied', replies.lettersNotReplied),
      count('replies-received', replies.received),
      count('replies-to-period-letters', replies.toPeriodLetters),
      count('replies-to-earlier-letters', replies.toEarlierLetters),
      line(
        context,
        'median-days',
        t('dashboard.figure.median-days'),
        replies.medianDaysToReply === null ? '–' : n(replies.medianDaysToReply),
        null,
      ),
    ],
    visits: [
      count('visit-requests-made', visits.requested),
      count('visit-requests-accepted', visits.accepted),
      count('visits-carried-out', visits.carriedOut),
      line(
        context,
        'countries-visited',
        t('dashboard.figure.countries-visited'),
        n(visits.countriesVisited),
        visits.carriedOut.csv,
      ),
      count('visit-requests-pending', visits.requestsPending),
      count('standing-invitations', visits.standingInvitations),
    ],
  };
}
