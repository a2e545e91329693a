/**
 * The functions an agent's SELECT may call: built-ins without side effects, file or network access,
 * session changes or information about the server. Anything else is refused by name, which covers
 * the classic escapes (pg_read_file, lo_import, dblink, nextval, set_config, current_setting,
 * pg_sleep, query_to_xml, pg_terminate_backend, pg_advisory_lock, txid_current, pg_notify, ...) and
 * every user-defined function, whose body we cannot see.
 *
 * Names are matched unqualified or qualified with `pg_catalog` only, exactly as the parser returns
 * them (unquoted identifiers are already folded to lower case; `"PG_SLEEP"` stays upper case and is
 * refused).
 *
 * Left out on purpose:
 * - generate_series, generate_subscripts, repeat, lpad, rpad, array_fill: one call can produce
 *   billions of rows or a gigabyte string, and PGlite cannot cancel a running statement.
 * - format, quote_*: string building for dynamic SQL, which nothing here can run anyway.
 * - random, setseed: nothing to answer with; setseed changes session state.
 * - xpath, xml*, *_to_xml: XML parsing, and query_to_xml runs arbitrary SQL text.
 *
 * Still allowed and only bounded by the statement timeout: regular expressions (a pathological
 * pattern is slow, though Postgres' engine checks for cancellation), replace/regexp_replace nested
 * to amplify a string (Postgres caps one value at 1 GB), jsonpath queries.
 */
const POSTGRES_FUNCTIONS = [
  // aggregates
  "count sum avg min max array_agg string_agg json_agg jsonb_agg json_object_agg jsonb_object_agg",
  "bool_and bool_or every bit_and bit_or stddev stddev_pop stddev_samp variance var_pop var_samp",
  "percentile_cont percentile_disc mode corr covar_pop covar_samp",
  // window functions
  "row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value",
  // strings (btrim/ltrim/rtrim: TRIM; similar_to_escape: SIMILAR TO; pg_collation_for: COLLATION FOR)
  "lower upper initcap btrim ltrim rtrim length char_length character_length octet_length",
  "substring substr position strpos overlay replace translate concat concat_ws left right reverse",
  "split_part starts_with ascii chr to_hex md5 normalize similar_to_escape pg_collation_for",
  "string_to_array array_to_string",
  "regexp_match regexp_matches regexp_replace regexp_split_to_array regexp_split_to_table",
  "regexp_count regexp_instr regexp_like regexp_substr",
  // date and time (timezone: AT TIME ZONE; overlaps: OVERLAPS; extract: EXTRACT)
  "now statement_timestamp transaction_timestamp clock_timestamp date_trunc date_part extract date_bin",
  "age to_char to_date to_timestamp to_number make_date make_time make_timestamp make_timestamptz",
  "make_interval justify_days justify_hours justify_interval isfinite timezone overlaps",
  // numbers
  "abs round ceil ceiling floor trunc mod div power pow sqrt cbrt exp ln log log10 sign pi width_bucket",
  // function-style casts
  "date text numeric int4 int8 float8",
  // null handling
  "num_nulls num_nonnulls",
  // json
  "to_json to_jsonb row_to_json array_to_json json_build_object jsonb_build_object json_build_array",
  "jsonb_build_array json_object jsonb_object json_extract_path json_extract_path_text",
  "jsonb_extract_path jsonb_extract_path_text json_array_elements json_array_elements_text",
  "jsonb_array_elements jsonb_array_elements_text json_each json_each_text jsonb_each jsonb_each_text",
  "json_object_keys jsonb_object_keys json_array_length jsonb_array_length json_typeof jsonb_typeof",
  "json_strip_nulls jsonb_strip_nulls jsonb_pretty jsonb_set jsonb_insert json_to_record",
  "json_to_recordset jsonb_to_record jsonb_to_recordset jsonb_path_exists jsonb_path_match",
  "jsonb_path_query jsonb_path_query_array jsonb_path_query_first",
  // arrays
  "unnest cardinality array_length array_upper array_lower array_position array_positions",
  "array_append array_prepend array_cat array_remove array_replace",
  // full-text search
  "to_tsvector to_tsquery plainto_tsquery phraseto_tsquery websearch_to_tsquery ts_rank ts_rank_cd",
  "ts_headline",
];

/** Redshift built-ins with no Postgres equivalent, allowed only when the guard runs for Redshift. */
const REDSHIFT_FUNCTIONS = [
  "getdate dateadd datediff nvl nvl2 len listagg median charindex convert_timezone months_between",
  "add_months last_day json_extract_array_element_text is_valid_json is_valid_json_array",
  "json_parse json_serialize ratio_to_report strtol decode",
];

function wordSet(lines: readonly string[]): ReadonlySet<string> {
  return new Set(lines.flatMap((line) => line.split(" ")));
}

export const ALLOWED_POSTGRES_FUNCTIONS = wordSet(POSTGRES_FUNCTIONS);
export const ALLOWED_REDSHIFT_FUNCTIONS = wordSet([...POSTGRES_FUNCTIONS, ...REDSHIFT_FUNCTIONS]);
