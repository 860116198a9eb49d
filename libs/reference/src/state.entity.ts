import { Column, Entity, PrimaryColumn } from 'typeorm';

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

/** The phrases of a State in the languages of e-mails (English, French, Spanish). */
export type StatePhrases = Partial<Record<'en' | 'fr' | 'es', StatePhrase>>;

/** A UN Member or observer State, or the pseudo-recipient for non-State actors (C7). */
@Entity('state')
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
}
