import countries from 'world-countries';

/**
 * The UN regional groups, as the package world-countries (ODbL, field `unRegionalGroup`) records them
 * for the 193 Member States: African (54), Asia-Pacific (54, Kiribati included), Eastern European (23),
 * Latin American and Caribbean (33), Western European and others (29, with Israel, Türkiye and the
 * United States, which sit in it for elections). The observer States (Holy See, State of Palestine)
 * belong to no group; letters to non-State recipients have a region of their own.
 */
export enum Region {
  African = 'african',
  AsiaPacific = 'asia-pacific',
  EasternEuropean = 'eastern-european',
  LatinAmericanCaribbean = 'latin-american-caribbean',
  WesternEuropeanOthers = 'western-european-others',
  NoGroup = 'no-regional-group',
  OtherRecipients = 'other-recipients',
}

export const REGIONS: readonly Region[] = Object.values(Region);

export const REGION_NAMES: Record<Region, string> = {
  [Region.African]: 'African Group',
  [Region.AsiaPacific]: 'Asia-Pacific Group',
  [Region.EasternEuropean]: 'Eastern European Group',
  [Region.LatinAmericanCaribbean]: 'Latin American and Caribbean Group',
  [Region.WesternEuropeanOthers]: 'Western European and others Group',
  [Region.NoGroup]: 'States in no regional group (observer States)',
  [Region.OtherRecipients]: 'Other recipients (non-State actors)',
};

const BY_PACKAGE_NAME: Record<string, Region> = {
  'African Group': Region.African,
  'Asia and the Pacific Group': Region.AsiaPacific,
  'Eastern European Group': Region.EasternEuropean,
  'Latin American and Caribbean Group': Region.LatinAmericanCaribbean,
  'Western European and Others Group': Region.WesternEuropeanOthers,
};

let groups: Map<string, Region> | undefined;

function groupOf(code: string): Region | undefined {
  if (!groups) {
    groups = new Map();
    for (const country of countries) {
      const region = BY_PACKAGE_NAME[country.unRegionalGroup];
      if (region) {
        groups.set(country.cca3, region);
      }
    }
  }
  return groups.get(code);
}

/** The region of a recipient: its UN regional group, or no group, or the region of non-State recipients. */
export function regionOf(recipientCode: string, otherRecipientCode: string): Region {
  if (recipientCode === otherRecipientCode) {
    return Region.OtherRecipients;
  }
  return groupOf(recipientCode) ?? Region.NoGroup;
}

/** The State codes (among `stateCodes`) that are in the region. */
export function statesInRegion(region: Region, stateCodes: readonly string[], otherRecipientCode: string): string[] {
  return stateCodes.filter((code) => regionOf(code, otherRecipientCode) === region);
}
