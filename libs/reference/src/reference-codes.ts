/**
 * The shapes of the reference codes, defined once for every DTO and import that accepts one.
 * Whether a code names an existing mandate or State is checked against the reference tables.
 */

/** A mandate's short code: 2–20 upper-case letters, digits or _, starting with a letter (TORTURE). */
export const MANDATE_CODE = /^[A-Z][A-Z0-9_]{1,19}$/;

/** A State's ISO 3166-1 alpha-3 code (CHE), or the pseudo-code of other recipients (OTH). */
export const STATE_CODE = /^[A-Z]{3}$/;

/** A letter's recipient as the public search filters by it: a State's code, or an other recipient's id. */
export const RECIPIENT_CODE = /^([A-Z]{3}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
