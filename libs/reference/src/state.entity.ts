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
}
