import {
  bindNonNull,
  expandedAfter,
  keysetPageBuilder,
  quotePostgresIdentifier,
  refuseNullsInNotNullKeys,
} from "../postgres-dialect/keyset-sql.ts";

/**
 * Keyset pages for Redshift: "after (a1, a2)" always spelled out as `k1 > a1 OR (k1 = a1 AND k2 > a2)`
 * (no row-value comparison, which Redshift does not document), led by `k1 >= a1` when k1 is NOT NULL
 * so the sort key's zone maps (or a Postgres index) can skip what comes before. The `CAST(... AS t)`
 * also types the Redshift Data API's string parameters.
 */
export const buildRedshiftKeysetPage = keysetPageBuilder({
  cast: (placeholder, nativeType) => `CAST(${placeholder} AS ${nativeType})`,
  after: (columns, after, bind) => {
    refuseNullsInNotNullKeys(columns, after);
    const bound = bindNonNull(columns, after, bind);
    const expanded = expandedAfter(columns, bound);
    if (expanded === null) return "FALSE";
    const first = columns[0];
    const firstParam = bound[0];
    const lead =
      first && !first.nullable && firstParam
        ? `${quotePostgresIdentifier(first.name)} >= ${firstParam} AND `
        : "";
    return `${lead}(${expanded})`;
  },
});
