/* The widget's appearance limits: `widget/settings.ts` enforces them, the dashboard's form shows them. */

export const MAX_GREETING_LENGTH = 280;
export const MAX_SUGGESTIONS = 4;
export const MAX_SUGGESTION_LENGTH = 80;
/** `#` and six hex digits; the backend stores it lower-cased. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
