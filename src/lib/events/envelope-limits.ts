/** The longest id an envelope holds: commandId, correlationId, userId and their kin. */
export const MAX_ID_LENGTH = 200;

/** `toISOString` writes 24 characters; more digits of a second fit, a megabyte of them does not. */
export const MAX_ISO_TIME_LENGTH = 40;
