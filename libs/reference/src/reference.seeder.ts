/**
 * Loads the reference data shipped with the system.
 *
 * Sources:
 * - data/un-member-states.tsv: the 193 UN Member States and 2 observer States with their
 *   ISO 3166-1 alpha-3 codes and UN short names (UN Member States list, un.org).
 * - Names in Arabic, Chinese, English, French, Russian and Spanish: the `i18n-iso-countries`
 *   package (CLDR data); the English name is the UN short name of the list above.
 * - data/state-phrases.tsv: each State's name inside an English, French and Spanish sentence, with
 *   its article and the prepositions "to" and "from" as the language contracts them ("au Bélarus",
 *   "aux Pays-Bas", "del Reino Unido"), after the UN's short names in those languages (UNTERM).
 * - Arabic, Chinese and Russian sentences name a State by its name in that language: Arabic after
 *   the prepositions إلى ("to") and من ("from"); the Chinese and Russian e-mails are worded so that
 *   the name stands as it is (no case endings to choose).
 * - data/mandates.tsv: the special procedures mandates (OHCHR list of thematic and country
 *   mandates), with a short code of our own, form and year established.
 *
 * Seeding is idempotent: States are upserted; mandates are added when their code is missing and
 * never overwritten, so an admin's renames and endings survive a re-seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import countries from 'i18n-iso-countries';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { MandateEntity, MandateForm, MandateKind } from './mandate.entity';
import { ReferenceRepository } from './reference.repository';
import { StateEntity, StatePhrases, StateStatus, UnLanguageNames } from './state.entity';

const UN_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
for (const language of UN_LANGUAGES) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`));
}

const DATA_DIR = join(__dirname, '..', 'data');

function readTsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(DATA_DIR, file), 'utf8').trim().split('\n');
  const columns = header.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((column, index) => [column, (cells[index] ?? '').trim()]));
  });
}

export interface ReferenceRows {
  states: StateEntity[];
  mandates: Partial<MandateEntity>[];
}

/** Reads the shipped reference files into rows (exported for tests that compare against the files). */
/** Each State's phrases by ISO code, from data/state-phrases.tsv. */
function readStatePhrases(): Map<string, StatePhrases> {
  return new Map(
    readTsv('state-phrases.tsv').map((row) => [
      row.iso3,
      Object.fromEntries(
        (['en', 'fr', 'es'] as const).map((language) => [
          language,
          { name: row[language], to: row[`${language}_to`], from: row[`${language}_from`] },
        ]),
      ) as StatePhrases,
    ]),
  );
}

/** A State's phrases in Arabic, Chinese and Russian, from its names in those languages. */
export function phrasesFromNames(names: UnLanguageNames): StatePhrases {
  return {
    ar: { name: names.ar, to: `إلى ${names.ar}`, from: `من ${names.ar}` },
    zh: { name: names.zh, to: names.zh, from: names.zh },
    ru: { name: names.ru, to: names.ru, from: names.ru },
  };
}

export function readReferenceRows(otherRecipientCode: string): ReferenceRows {
  const phrases = readStatePhrases();
  const states = readTsv('un-member-states.tsv').map((row) => {
    const alpha2 = countries.alpha3ToAlpha2(row.iso3);
    if (!alpha2) {
      throw new Error(`No ISO 3166 entry for ${row.iso3}`);
    }
    const names = Object.fromEntries(
      UN_LANGUAGES.map((language) => [language, language === 'en' ? row.name : countries.getName(alpha2, language)]),
    ) as unknown as UnLanguageNames;
    const statePhrases = phrases.get(row.iso3);
    if (!statePhrases) {
      throw new Error(`No phrases for ${row.iso3} in data/state-phrases.tsv`);
    }
    return Object.assign(new StateEntity(), {
      code: row.iso3,
      name: row.name,
      names,
      status: row.status as StateStatus,
      phrases: { ...statePhrases, ...phrasesFromNames(names) },
    });
  });
  const other = 'Other recipients (non-State actors)';
  states.push(
    Object.assign(new StateEntity(), {
      code: otherRecipientCode,
      name: other,
      names: {
        ar: 'جهات فاعلة من غير الدول',
        zh: '非国家行为者',
        en: other,
        fr: 'Autres destinataires (acteurs non étatiques)',
        ru: 'Другие адресаты (негосударственные субъекты)',
        es: 'Otros destinatarios (actores no estatales)',
      },
      status: 'pseudo' as StateStatus,
      phrases: {},
    }),
  );
  const mandates = readTsv('mandates.tsv').map((row) => ({
    code: row.code,
    kind: row.kind as MandateKind,
    form: row.form as MandateForm,
    title: row.title,
    established: Number(row.established),
    countryCode: row.kind === 'country' ? row.code : null,
    publishLegislationAtOnce: false,
    endedOn: null,
  }));
  return { states, mandates };
}

@Injectable()
export class ReferenceSeeder {
  constructor(
    private readonly repository: ReferenceRepository,
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  async seed(): Promise<{ states: number; mandates: number }> {
    const rows = readReferenceRows(this.config.rules.otherRecipientCode);
    await this.tx.run(async () => {
      await this.repository.upsertStates(rows.states);
      await this.repository.insertMissingMandates(rows.mandates);
    });
    return { states: rows.states.length, mandates: rows.mandates.length };
  }
}
