import { CommunicationDto } from '@spcomms/communications';
import { NAME_WITHHELD, PublicationStatusDto, RedactionIssueDto } from '@spcomms/publication';
import { formErrors } from '../../forms/form-errors';
import { PageContext } from '../../render/page-context';

/** A piece of a text, marked when it is (or stands for) a withheld name. */
export interface TextPart {
  text: string;
  marked: boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}\\p{M}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}\\p{M}])';

function split(text: string, pattern: RegExp | null): TextPart[] {
  if (!pattern) {
    return [{ text, marked: false }];
  }
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) {
      parts.push({ text: text.slice(at, match.index), marked: false });
    }
    parts.push({ text: match[0], marked: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) {
    parts.push({ text: text.slice(at), marked: false });
  }
  return parts;
}

/** The public text with each `[name withheld]` marked. */
export function markWithheld(text: string): TextPart[] {
  return split(text, new RegExp(escape(NAME_WITHHELD), 'g'));
}

/**
 * The internal text with the names the redaction withholds marked: each full name in any case, and
 * each word of a name of three letters or more as written (as the redaction does, C14).
 */
export function markNames(text: string, names: readonly string[]): TextPart[] {
  const full = names
    .filter((name) => name.trim() !== '')
    .map((name) => name.trim().split(/\s+/).map(escape).join('\\s+'));
  const words = [
    ...new Set(
      names
        .flatMap((name) => name.split(/[\s\-‐‑]+/))
        .filter((word) => [...word.replace(/[^\p{L}\p{N}]/gu, '')].length >= 3),
    ),
  ].map(escape);
  if (full.length === 0) {
    return [{ text, marked: false }];
  }
  // Full names in any case first, then the words of the names as written.
  const fullPattern = new RegExp(
    `${NOT_WORD_BEFORE}(?:${full.sort((a, b) => b.length - a.length).join('|')})${NOT_WORD_AFTER}`,
    'giu',
  );
  const wordPattern =
    words.length > 0
      ? new RegExp(
          `${NOT_WORD_BEFORE}(?:${words.sort((a, b) => b.length - a.length).join('|')})${NOT_WORD_AFTER}`,
          'gu',
        )
      : null;
  return split(text, fullPattern).flatMap((part) => (part.marked ? [part] : split(part.text, wordPattern)));
}

export interface IssueView {
  key: string;
  text: string;
  blocking: boolean;
  checked: boolean;
}

export interface PublicationPageView {
  id: string;
  reference: string;
  version: number;
  status: { text: string; colour: string };
  rows: Array<{ key: string; value: string }>;
  internal: { lang: string; subject: TextPart[]; body: TextPart[] };
  public: { lang: string; subject: TextPart[]; body: TextPart[]; victims: TextPart[][] };
  withheldCount: number;
  issues: IssueView[];
  blocking: IssueView[];
  checked: { text: string } | null;
  canCheck: boolean;
  notes: string;
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
  notice: string | null;
}

const STATUS_COLOURS: Record<string, string> = {
  draft: 'yellow',
  scheduled: 'blue',
  blocked: 'red',
  published: 'green',
  abandoned: 'grey',
};

/** The words of an issue, for the list of what to deal with. */
export function issueText(issue: RedactionIssueDto, context: PageContext): string {
  return context.t(`screening.publication.issue.${issue.kind}`, { text: issue.text, field: issue.field ?? '' });
}

/** `/{lang}/workspace/letters/{id}/publication`: the redaction check of a letter (C11, C14). */
export function publicationPageView(
  input: {
    letter: CommunicationDto;
    status: PublicationStatusDto;
    assistant: boolean;
    confirmed: string[];
    notes: string;
    errors: Array<{ field: string; text: string }>;
    notice: string | null;
  },
  context: PageContext,
): PublicationPageView {
  const { t, format } = context;
  const { letter, status } = input;
  const errors = formErrors(input.errors);
  const names = status.redaction.withheld.map((entry) => entry.name);
  const issues = status.redaction.issues.map((issue) => ({
    key: issue.key,
    text: issueText(issue, context),
    blocking: issue.blocking,
    checked: input.confirmed.includes(issue.key),
  }));
  return {
    id: letter.id,
    reference: letter.reference ?? t('page.workspace.letter.draft'),
    version: letter.currentVersion.number,
    status: {
      text: t(`screening.publication.status.${status.status}`),
      colour: STATUS_COLOURS[status.status] ?? 'grey',
    },
    rows: [
      { key: t('screening.publication.version'), value: format.number(letter.currentVersion.number) },
      {
        key: t('page.workspace.letter.publicFrom'),
        value: status.publicFrom ? format.date(status.publicFrom) : t('page.workspace.letter.none'),
      },
    ],
    internal: {
      lang: letter.language,
      subject: markNames(letter.subject, names),
      body: markNames(letter.body, names),
    },
    public: {
      lang: status.preview.language,
      subject: markWithheld(status.preview.subject),
      body: markWithheld(status.preview.body),
      victims: status.preview.victims.map((victim) => markWithheld(victim.name)),
    },
    withheldCount: status.redaction.withheld.reduce((sum, entry) => sum + entry.occurrences, 0),
    issues: issues.filter((issue) => !issue.blocking),
    blocking: issues.filter((issue) => issue.blocking),
    checked: status.redactionCheck
      ? {
          text: t('screening.publication.checkedOn', {
            version: status.redactionCheck.versionNumber,
            date: format.dateTime(status.redactionCheck.checkedAt),
          }),
        }
      : null,
    canCheck: input.assistant && status.redactionCheck === null && status.status !== 'abandoned',
    notes: input.notes,
    errors: errors.summary,
    fieldErrors: errors.byField,
    notice: input.notice,
  };
}
