/* What the SQL page shares with the backend. */

/** The longest question "Ask in English" takes (the page and `POST /v1/ask`). */
export const MAX_QUESTION_CHARS = 2_000;
