/* The Overview page's periods in days: `private/overview.ts` accepts only these, the dashboard offers them. */

export const OVERVIEW_PERIODS = [7, 14, 30] as const;
