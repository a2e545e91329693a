/*
 * Customer satisfaction: the widget's 1–5 rating after a resolution (as Crisp's and Intercom's five
 * faces/stars), the comment's limit, and which scores count as "satisfied" for the CSAT percentage
 * (the usual definition: 4 and 5 out of 5).
 */

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export const SATISFIED_MIN_SCORE = 4;
export const MAX_RATING_COMMENT_CHARS = 1_000;
