// Bounds the domain puts on values: the schemas check them, the deciders and the forms use them.
// No zod here, so that a page showing records needs none of the schemas.

/**
 * The largest amount Rewind handles, in cents: any single amount, order total or balance.
 * Well inside `Number.MAX_SAFE_INTEGER`, so sums of amounts stay exact integers.
 */
export const MAX_CENTS = 1_000_000_000_000;

/** The largest quantity of one line of an order. */
export const QUANTITY_MAX = 1_000_000;

/** Lengths of the app's text fields: the schemas check them, the forms show them (`maxlength`). */
export const NAME_MAX = 200;
export const NOTE_MAX = 500;
export const SKU_MAX = 64;
export const ADDRESS_LINE_MAX = 200;
export const CITY_MAX = 100;
export const POSTCODE_MAX = 20;
export const COUNTRY_MAX = 100;
export const EMAIL_MAX = 254;
export const PHONE_MAX = 40;
export const CUSTOMER_NOTES_MAX = 2000;
