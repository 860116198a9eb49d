/** The content of letters, shared by the libs that write letters and those that read them. */

export type LetterType = 'UA' | 'AL' | 'OL';
export const LETTER_TYPES: readonly LetterType[] = ['UA', 'AL', 'OL'];
export type LetterLanguage = 'en' | 'fr' | 'es';
export const LETTER_LANGUAGES: readonly LetterLanguage[] = ['en', 'fr', 'es'];

export interface ReprisalConsent {
  /** Day the victim's informed consent was recorded. */
  recordedOn: string;
  /** How consent was given. */
  form: 'written' | 'oral';
  note?: string;
}

export interface Victim {
  name: string;
  gender?: 'female' | 'male' | 'other' | 'unknown';
  ageGroup?: 'child' | 'adult' | 'older' | 'unknown';
  /** Replaced by initials or "[name withheld]" in the public version. */
  nameConfidential: boolean;
  /** A group or community rather than one person. */
  group?: boolean;
}

export interface Perpetrator {
  name: string;
  kind: 'state' | 'non_state';
}

/** Everything a co-signer approves: a change to any of it makes a new version (C6). */
export interface VersionContent {
  type: LetterType;
  language: LetterLanguage;
  recipientCode: string;
  otherRecipientId: string | null;
  coRecipientCodes: string[];
  subject: string;
  body: string;
  victims: Victim[];
  lawOrPolicy: string | null;
  perpetrators: Perpetrator[];
  themes: string[];
  reprisal: boolean;
  reprisalConsent: ReprisalConsent | null;
}
