import type { VersionContent } from '@spcomms/domain-events';
import { PersonalDataWarning } from './personal-data';
import { RedactableSource, redactionFor } from './redaction';

/**
 * What an assistant must deal with before confirming the redaction check of a letter (C11, C14):
 * - `source_named`: the letter's own text (subject, body, law or policy, victims) names the source of a
 *   linked submission, or its organisation. The public version withholds it, but a name written into a
 *   letter is a slip the assistant must see: the check is refused until the name is removed from the
 *   text, or the assistant confirms it on purpose (a source may also be the victim, who consented).
 * - `victim_named`: a victim whose name is not marked confidential, so it will be public.
 * - `email`, `phone`, `passport_number`: personal data still in the public version.
 * Each issue has a key (`source-0`, `victim-1`, `email-0`) stable for a version of the text, which the
 * confirmation names to say that it was dealt with.
 */
export const REDACTION_ISSUE_KINDS = ['source_named', 'victim_named', 'email', 'phone', 'passport_number'] as const;
export type RedactionIssueKind = (typeof REDACTION_ISSUE_KINDS)[number];

export interface RedactionIssue {
  key: string;
  kind: RedactionIssueKind;
  /** Where: `subject`, `body`, `victims`, `replies[1].text` …; null for a name found anywhere in the letter. */
  field: string | null;
  /** The name or the text found (staff only: never public). */
  text: string;
  /** True: the service refuses the check unless this key is confirmed (the source's name). */
  blocking: boolean;
}

/** The texts the drafter wrote, as they are in the internal version. */
export function letterTexts(content: VersionContent): string[] {
  return [
    content.subject,
    content.body,
    content.lawOrPolicy ?? '',
    content.victims.map((victim) => victim.name ?? '').join('\n'),
  ];
}

/** The issues of a version of a letter, given its linked sources and the warnings on its public version. */
export function redactionIssues(
  content: VersionContent,
  sources: readonly RedactableSource[],
  warnings: readonly PersonalDataWarning[],
): RedactionIssue[] {
  const redaction = redactionFor([], sources);
  letterTexts(content).forEach((text) => redaction.redact(text));
  const sourceIssues: RedactionIssue[] = redaction
    .withheld()
    .filter((entry) => entry.occurrences > 0)
    .map((entry, index) => ({
      key: `source-${index}`,
      kind: 'source_named',
      field: null,
      text: entry.name,
      blocking: true,
    }));
  const victimIssues: RedactionIssue[] = content.victims.flatMap((victim, index) =>
    !victim.nameConfidential && (victim.name ?? '').trim() !== ''
      ? [
          {
            key: `victim-${index}`,
            kind: 'victim_named' as const,
            field: 'victims',
            text: victim.name,
            blocking: false,
          },
        ]
      : [],
  );
  const counts = new Map<string, number>();
  const dataIssues: RedactionIssue[] = warnings.map((warning) => {
    const n = counts.get(warning.kind) ?? 0;
    counts.set(warning.kind, n + 1);
    return {
      key: `${warning.kind}-${n}`,
      kind: warning.kind,
      field: warning.field,
      text: warning.text,
      blocking: false,
    };
  });
  return [...sourceIssues, ...victimIssues, ...dataIssues];
}

/** The issues not confirmed among those given; `onlyBlocking` keeps the ones the service enforces. */
export function unconfirmedIssues(
  issues: readonly RedactionIssue[],
  confirmed: readonly string[],
  onlyBlocking = false,
): RedactionIssue[] {
  const done = new Set(confirmed);
  return issues.filter((issue) => (!onlyBlocking || issue.blocking) && !done.has(issue.key));
}
