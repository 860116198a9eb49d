import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

export type StateStatus = 'member' | 'observer' | 'pseudo';

export interface UnLanguageNames {
  ar: string;
  zh: string;
  en: string;
  fr: string;
  ru: string;
  es: string;
}

/** How a State is named inside a sentence of one language: alone, after "to" and after "from". */
export interface StatePhrase {
  /** With its article where the language wants one: "la France", "los Países Bajos", "the Niger". */
  name: string;
  /** "à la France", "au Bélarus", "aux Pays-Bas"; "al Reino Unido"; "to the Netherlands". */
  to: string;
  /** "de la France", "du Bélarus", "d'Israël"; "del Reino Unido"; "from the Netherlands". */
  from: string;
}

/** The six languages of the UN, in which a State's focal points may receive e-mail. */
export const STATE_MAIL_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type StateMailLanguage = (typeof STATE_MAIL_LANGUAGES)[number];

/** The phrases of a State in the languages of e-mails (the six languages of the UN). */
export type StatePhrases = Partial<Record<StateMailLanguage, StatePhrase>>;

/** A UN Member or observer State, or the pseudo-recipient for non-State actors (C7). */
@Entity('state')
@Check('ck_state_mail_language', `mail_language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')`)
export class StateEntity {
  /** ISO 3166-1 alpha-3, or the pseudo-code for other recipients. */
  @PrimaryColumn({ type: 'char', length: 3 })
  code!: string;

  /** UN short name in English. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  names!: UnLanguageNames;

  @Column({ type: 'text' })
  status!: StateStatus;

  /** Its name in sentences (data/state-phrases.tsv); empty for the pseudo-recipient. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  phrases!: StatePhrases;

  /**
   * The language in which its focal points receive e-mail, chosen by the State (set through the
   * reference API); null until it chooses: each focal point then reads their own interface language.
   */
  @Column({ type: 'text', nullable: true })
  mailLanguage!: StateMailLanguage | null;
}
