import type { Row } from "../../src/index.ts";

/** A table with one column per type family; created by the conformance suite in its own database. */
export const CONFORMANCE_TABLE_SQL = `
CREATE TABLE public.conformance_types (
  id integer PRIMARY KEY,
  small smallint,
  big bigint,
  num numeric(30, 12),
  single float4,
  dbl float8,
  flag boolean,
  txt text,
  vc varchar(20),
  ch char(3),
  uid uuid,
  d date,
  t time,
  ts timestamp,
  tstz timestamptz,
  iv interval,
  js json,
  jsb jsonb,
  bin bytea,
  tags text[],
  nums integer[]
);
INSERT INTO public.conformance_types VALUES
  (1, 32767, 9007199254740993, 12345678.901234567890, 1.5, 3.141592653589793, true,
   'Zoë 🍣 "quoted" \\ back', 'varchar', 'abc', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
   '2026-11-20', '10:15:30', '2026-11-20 10:15:30.123456', '2026-11-20 10:15:30.123456+01',
   '1 day 02:03:04', '{"a": [1, 2]}', '{"b": {"c": null}}', '\\x000102ff',
   ARRAY['x', NULL, 'y,z'], ARRAY[1, 2, 3]),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL);
`;

/** Rows loaded into `public.never_analyzed` by `NEVER_ANALYZED_TABLE_SQL`. */
export const NEVER_ANALYZED_ROWS = 500;

/**
 * A table created and filled but never analyzed, as in a database loaded just before it is connected:
 * autovacuum is off for it, so nothing analyzes it while the suite runs and `pg_class.reltuples`
 * stays -1 (unknown).
 */
export const NEVER_ANALYZED_TABLE_SQL = `
CREATE TABLE public.never_analyzed (id integer PRIMARY KEY, note text) WITH (autovacuum_enabled = false);
INSERT INTO public.never_analyzed SELECT g, 'row ' || g FROM generate_series(1, ${NEVER_ANALYZED_ROWS}) AS g;
`;

/** What every connector must return for those rows: written by hand from the normalization rules. */
export const CONFORMANCE_EXPECTED_ROWS: Row[] = [
  {
    id: 1,
    small: 32767,
    big: "9007199254740993",
    num: "12345678.901234567890",
    single: 1.5,
    dbl: 3.141592653589793,
    flag: true,
    txt: 'Zoë 🍣 "quoted" \\ back',
    vc: "varchar",
    ch: "abc",
    uid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    d: "2026-11-20",
    t: "10:15:30",
    ts: "2026-11-20T10:15:30.123456",
    tstz: "2026-11-20T09:15:30.123456Z",
    iv: "1 day 02:03:04",
    js: { a: [1, 2] },
    jsb: { b: { c: null } },
    bin: { type: "bytes", length: 4, hexPrefix: "000102ff" },
    tags: ["x", null, "y,z"],
    nums: [1, 2, 3],
  },
  {
    id: 2,
    small: null,
    big: null,
    num: null,
    single: null,
    dbl: null,
    flag: null,
    txt: null,
    vc: null,
    ch: null,
    uid: null,
    d: null,
    t: null,
    ts: null,
    tstz: null,
    iv: null,
    js: null,
    jsb: null,
    bin: null,
    tags: null,
    nums: null,
  },
];
