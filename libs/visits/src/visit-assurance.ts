/** The terms of reference a mandate asks the State to guarantee for a visit. */
export enum AssuranceItem {
  FreedomOfMovement = 'freedom_of_movement',
  /** Including access to all places of detention. */
  FreedomOfInquiry = 'freedom_of_inquiry',
  ConfidentialContacts = 'confidential_contacts',
  NoReprisals = 'no_reprisals',
  Security = 'security',
}

export const ALL_ASSURANCE_ITEMS: readonly AssuranceItem[] = Object.values(AssuranceItem);
