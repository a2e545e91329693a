/**
 * Bench data for database-schema.sql: N orders plus proportional customers, products, order lines,
 * support tickets and appointments. Everything is generated server-side (INSERT … SELECT FROM
 * generate_series) in chunks, so a million orders never cross the wire and progress is reported
 * between chunks. Values come from an integer hash of the row index and the seed instead of random(),
 * so one seed gives identical rows on PostgreSQL and on PGlite.
 *
 * Generated ids start above BASE, far from the hand-written sample, and rows of a previous run are
 * deleted first, so reruns end in the same state. Statements commit one by one (no BEGIN), which keeps
 * a pg.Pool usable as the client.
 */

export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}
export type GenerateProgress = { table: string; rows: number; total: number };
export type GenerateOptions = { orders: number; seed?: number; onProgress?: (p: GenerateProgress) => void };
export type TableTiming = { table: string; rows: number; ms: number };

/** Generated row k gets id BASE + k. The sample data uses small ids (orders 1001… by number). */
export const BASE = { customers: 1e6, products: 1e6, orders: 1e7, tickets: 1e6 } as const;
/** Keeps every hash input (order index × MAX_LINES + line) below 2^32 and every SKU at 8 digits. */
export const MAX_ORDERS = 100_000_000;
const CHUNK = 100_000;
/** Lines per order are 1..MAX_LINES (2.5 on average). */
const MAX_LINES = 4;
const MASK = 0xffffffff;
const DAY = 86_400;
const EPOCH = "timestamptz '2025-01-01 00:00:00+00'";
/** The sample data is set around this day: appointments before it are over. */
const AS_OF = "timestamptz '2026-11-22 00:00:00+00'";

const list = (items: string): string[] => items.split("|");
const CITIES = list(
  "Seattle US en-US|Austin US en-US|Berlin DE de-DE|München DE de-DE|Sevilla ES es-ES|Kraków PL pl-PL|東京都 JP ja-JP|London GB en-GB|Lyon FR fr-FR|Toronto CA en-CA",
).map((c) => c.split(" "));
const cityColumn = (column: number): string[] => CITIES.map((c) => c[column] ?? "");
const FIRST = list("Alice|Bob|Zoë|José|Łukasz|花子|Priya|Chloé|Omar|Mei|Sven|Ana");
const LAST = list("Johnson|Smith|Müller|Álvarez|Wiśniewski|佐藤|Patel|Dubois|Haddad|Chen");
const STREETS = list("Pine St|Main St|Hauptstraße|Calle Mayor|ul. Długa|High St|Rue de la Paix");
const ADJECTIVES = list("Compact|Classic|Wireless|Bamboo|Ceramic|Travel|Pro|Eco|Mini");
const NOUNS = list("Speaker|Kettle|Backpack|Lamp|Mug|Charger|Notebook|急須|傘|Headphones");
const SUBJECTS = list(
  "Where is my order?|Wrong item received|Refund status|Change delivery address|Package arrived damaged 📦|Discount code not working|Invoice needed|¿Dónde está mi pedido?",
);
const KINDS = list("repair drop-off|headphone fitting|personal shopping|coffee tasting workshop");
const CARRIERS = list("UPS|FedEx|DHL|USPS");
const TRACKING_PREFIXES = list("1Z|77|00|94");
/** `s` is a 0..99 bucket: 60 % delivered, 15 % shipped and so on. Open orders are buckets 60..89. */
const STATUS = `CASE WHEN s < 60 THEN 'delivered' WHEN s < 75 THEN 'shipped' WHEN s < 85 THEN 'processing'
  WHEN s < 90 THEN 'pending' WHEN s < 95 THEN 'cancelled' WHEN s < 98 THEN 'returned' ELSE 'refunded' END`;
const SHIPPED = "(s < 75 OR s >= 95)";

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const arr = (items: readonly string[]): string => `ARRAY[${items.map(lit).join(", ")}]`;
/** Picks an element of a constant list with a hash expression (SQL arrays are 1-based). */
const pick = (items: readonly string[], hash: string): string =>
  `(${arr(items)})[1 + ${hash} % ${items.length}]`;
const seconds = (expr: string): string => `(${expr}) * interval '1 second'`;

type Step = { table: string; total: number; sql: string; rows: number; ms: number };
/** Template tag: step("orders", n)`INSERT …` keeps each statement next to its table and row count. */
const step =
  (table: string, total: number) =>
  (parts: TemplateStringsArray, ...values: (string | number)[]): Step => ({
    table,
    total,
    sql: String.raw({ raw: parts }, ...values),
    rows: 0,
    ms: 0,
  });

/** SQL expression for a 32-bit hash of `expr` (0 … 2^32-1) in the stream named `salt`. */
type Hash = (expr: string, salt: string) => string;

function makeHash(seed: number): Hash {
  return (expr, salt) => {
    // The salt is folded into a constant here, so SQL only does multiply, xorshift, multiply: plain bigint
    // arithmetic (same result everywhere, no overflow) that names `expr` twice. Nesting hashes multiplies
    // that, and md5() per value is ~10x slower, so keep hashes flat.
    let key = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
    for (const ch of salt) key = Math.imul(key ^ ch.charCodeAt(0), 16_777_619) >>> 0;
    const a = `(((((${expr})::bigint # ${key}) & ${MASK}) * 1597334677) & ${MASK})`;
    return `(((${a} # (${a} >> 15)) * 73244475) & ${MASK})`;
  };
}

/** The `n` column of the first row: pg returns bigint as a string, PGlite as a number. */
async function count(client: SqlClient, sql: string): Promise<number> {
  const result = await client.query(sql);
  const rows = typeof result === "object" && result !== null && "rows" in result ? result.rows : undefined;
  const n = Array.isArray(rows) ? (rows[0] as { n?: unknown } | undefined)?.n : undefined;
  if (typeof n !== "number" && typeof n !== "string" && typeof n !== "bigint") {
    throw new Error(`Expected a row with a count from: ${sql}`);
  }
  return Number(n);
}

export async function generateRows(client: SqlClient, options: GenerateOptions): Promise<TableTiming[]> {
  const { orders: n, seed = 1, onProgress } = options;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_ORDERS) {
    throw new Error(`orders must be an integer from 1 to ${MAX_ORDERS}, got ${n}.`);
  }
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}.`);
  const h = makeHash(seed);
  const nCustomers = Math.max(1, Math.ceil(n / 10));
  const nProducts = Math.max(1000, Math.ceil(n / 1000));

  // Fails while support.tickets is missing, and is 0 without categories or stores to pick from.
  const ready = `SELECT (SELECT count(*) FROM public.product_categories) * (SELECT count(*) FROM public."StoreLocations")
    * (SELECT count(*) + 1 FROM support.tickets WHERE false) AS n`;
  const sampleRows = await count(client, ready).catch((error: unknown) => {
    throw new Error(
      `Apply database-schema.sql first (${error instanceof Error ? error.message : String(error)}).`,
    );
  });
  if (!sampleRows) throw new Error("Apply database-schema.sql first (no product categories or stores).");

  // Children first. FK indexes from the schema keep these cheap even after a million-order run.
  for (const [table, where] of [
    ["support.tickets", `id > ${BASE.tickets} OR customer_id > ${BASE.customers}`],
    ["public.appointments", `customer_id > ${BASE.customers}`],
    ["public.inventory_events", `product_id > ${BASE.products}`],
    ["public.order_items", `order_id > ${BASE.orders}`],
    ["public.orders", `id > ${BASE.orders}`],
    ["public.products", `id > ${BASE.products}`],
    ["public.customers", `id > ${BASE.customers}`],
  ]) {
    await client.query(`DELETE FROM ${table} WHERE ${where}`);
  }

  // Shared by several tables so that, e.g., an order's line prices match the products' prices.
  const city = (customer: string): string => `(1 + ${h(customer, "city")} % ${CITIES.length})`;
  const address = (customer: string): string =>
    `jsonb_build_object('line1', 1 + ${h(customer, "house")} % 200 || ' ' || ${pick(STREETS, h(customer, "street"))}, ` +
    `'city', (${arr(cityColumn(0))})[${city(customer)}], 'country', (${arr(cityColumn(1))})[${city(customer)}])`;
  // Multiplicative hashing modulo a prime, not h(): price is applied to hashed product numbers.
  const price = (product: string): string => `((${product}) * 2654435761 % 4294967291 % 120 + 0.99)`;
  const lines = (order: string): string => `(1 + ${h(order, "lines")} % ${MAX_LINES})`;
  const lineProduct = (order: string, line: string): string =>
    `(1 + ${h(`${order} * ${MAX_LINES} + ${line}`, "product")} % ${nProducts})`;
  const lineQty = (order: string, line: string): string =>
    `(1 + ${h(`${order} * ${MAX_LINES} + ${line}`, "qty")} % 10 / 7)`;
  // Unrolled over the possible line numbers: a per-order generate_series subquery doubled the cost of orders.
  const subtotal = (order: string): string =>
    `(${Array.from({ length: MAX_LINES }, (_, k) => k + 1)
      .map(
        (l) =>
          `CASE WHEN ${l} <= ${lines(order)} THEN ${lineQty(order, `${l}`)} * ${price(lineProduct(order, `${l}`))} ELSE 0 END`,
      )
      .join(" + ")})`;

  const linesIn = (from: number, to: number): Promise<number> =>
    count(client, `SELECT sum(${lines("i")}) AS n FROM generate_series(${from}, ${to}) i`);
  // Chunked by order: each chunk goes in right after the orders it belongs to.
  const items = step("order_items", await linesIn(1, n))`
      INSERT INTO public.order_items (order_id, line_no, product_id, quantity, unit_price)
      SELECT ${BASE.orders} + i, l, ${BASE.products} + p, q, ${price("p")}
      FROM (
        SELECT i, l, ${lineProduct("i", "l")} AS p, ${lineQty("i", "l")} AS q
        FROM generate_series($1::bigint, $2::bigint) i, generate_series(1, ${lines("i")}) l OFFSET 0
      ) g`;
  const customers = step("customers", nCustomers)`
      INSERT INTO public.customers (id, public_id, email, full_name, phone, preferred_locale, is_vip, loyalty_points,
        tags, address, birth_date, created_at)
      SELECT ${BASE.customers} + i, (${lit((seed >>> 0).toString(16).padStart(8, "0"))} || '-be0c-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
        'customer' || (${BASE.customers} + i) || '@bench.example.com',
        ${pick(FIRST, h("i", "first"))} || ' ' || ${pick(LAST, h("i", "last"))}, '+1 555 ' || lpad((i % 10000000)::text, 7, '0'),
        (${arr(cityColumn(2))})[${city("i")}], ${h("i", "vip")} % 25 = 0, (${h("i", "points")} % 5000)::int,
        CASE WHEN ${h("i", "news")} % 3 = 0 THEN ARRAY['newsletter'] ELSE '{}' END, ${address("i")},
        date '1950-01-01' + (${h("i", "birth")} % 20000)::int, ${EPOCH} - ${seconds(`${h("i", "created")} % ${730 * DAY}`)}
      FROM generate_series($1::bigint, $2::bigint) i`;
  const products = step("products", nProducts)`
      INSERT INTO public.products (id, sku, name, category_id, price, stock, is_active, attributes, tags, updated_at)
      SELECT ${BASE.products} + i, 'BENCH-' || lpad(i::text, 8, '0'),
        ${pick(ADJECTIVES, h("i", "adjective"))} || ' ' || ${pick(NOUNS, h("i", "noun"))} || ' ' || i,
        c.ids[1 + ${h("i", "category")} % cardinality(c.ids)], ${price("i")},
        CASE WHEN ${h("i", "stock")} % 12 = 0 THEN 0 ELSE (${h("i", "stock")} % 400)::int END, ${h("i", "active")} % 50 <> 0,
        jsonb_build_object('color', ${pick(list("black|white|sand|coral|sage"), h("i", "color"))}), ARRAY['bench'], ${EPOCH} + ${seconds(`${h("i", "updated")} % ${670 * DAY}`)}
      FROM generate_series($1::bigint, $2::bigint) i, (SELECT array_agg(id ORDER BY id) AS ids FROM public.product_categories) c`;
  // Open orders (buckets 60..89) were placed in the two weeks before AS_OF.
  const orders = step("orders", n)`
      INSERT INTO public.orders (id, order_number, customer_id, status, placed_at, subtotal, shipping_fee, total,
        shipping_address, carrier, tracking_number, estimated_delivery, delivered_at)
      SELECT id, id, ${BASE.customers} + customer, ${STATUS},
        ${EPOCH} + ${seconds("t")}, subtotal, CASE WHEN subtotal >= 50 THEN 0 ELSE 4.99 END,
        subtotal + CASE WHEN subtotal >= 50 THEN 0 ELSE 4.99 END, ${address("customer")},
        CASE WHEN ${SHIPPED} THEN (${arr(CARRIERS)})[1 + c] END,
        CASE WHEN ${SHIPPED} THEN (${arr(TRACKING_PREFIXES)})[1 + c] || lpad(id::text, 14, '0') END,
        CASE WHEN s < 85 OR s >= 95 THEN date '2025-01-01' + (t / ${DAY} + 2 + c)::int END,
        CASE WHEN s < 60 OR s >= 95 THEN ${EPOCH} + ${seconds(`t + (1 + c) * ${DAY}`)} END
      FROM (
        SELECT ${BASE.orders} + i AS id, 1 + ${h("i", "customer")} % ${nCustomers} AS customer, ${h("i", "status")} % 100 AS s,
          CASE WHEN ${h("i", "status")} % 100 BETWEEN 60 AND 89 THEN ${676 * DAY} + ${h("i", "placed")} % ${14 * DAY}
            ELSE ${h("i", "placed")} % ${676 * DAY} END AS t,
          ${h("i", "carrier")} % 4 AS c,
          ${subtotal("i")} AS subtotal
        FROM generate_series($1::bigint, $2::bigint) i OFFSET 0
      ) g`;
  const tickets = step("support.tickets", Math.max(1, Math.ceil(n / 20)))`
      INSERT INTO support.tickets (id, customer_id, order_id, subject, status, priority, channel, tags, created_at, updated_at)
      OVERRIDING SYSTEM VALUE
      SELECT ${BASE.tickets} + j, o.customer_id, o.id, ${pick(SUBJECTS, h("j", "subject"))},
        ${pick(["open", "pending_customer", "resolved", "closed", "closed"], h("j", "status"))},
        ${pick(["low", "normal", "normal", "high", "urgent"], h("j", "priority"))}::support.ticket_priority,
        ${pick(["email", "chat", "phone", "web"], h("j", "channel"))}, ARRAY['bench'],
        o.placed_at + ${seconds(`3600 * (1 + ${h("j", "opened")} % 48)`)},
        o.placed_at + ${seconds(`3600 * (1 + ${h("j", "opened")} % 48 + ${h("j", "updated")} % 72)`)}
      FROM generate_series($1::bigint, $2::bigint) j
      JOIN public.orders o ON o.id = ${BASE.orders} + 1 + ${h("j", "order")} % ${n}`;
  const appointments = step("appointments", Math.max(1, Math.ceil(n / 50)))`
      INSERT INTO public.appointments (id, customer_id, store_id, kind, starts_at, ends_at, status)
      SELECT (${lit((seed >>> 0).toString(16).padStart(8, "0"))} || '-a990-4000-8000-' || lpad(to_hex(j), 12, '0'))::uuid,
        ${BASE.customers} + 1 + ${h("j", "customer")} % ${nCustomers}, st.ids[1 + ${h("j", "store")} % cardinality(st.ids)],
        ${pick(KINDS, h("j", "kind"))}, starts_at, starts_at + ${seconds(`1800 * (1 + ${h("j", "length")} % 2)`)},
        CASE WHEN starts_at < ${AS_OF} THEN ${pick(["completed", "completed", "cancelled", "no_show"], h("j", "past"))}
          ELSE ${pick(["scheduled", "confirmed"], h("j", "future"))} END
      FROM (
        SELECT j, timestamptz '2026-01-05 00:00:00+00' + ${seconds(`${h("j", "day")} % 360 * ${DAY} + (15 + ${h("j", "slot")} % 18) * 1800`)} AS starts_at
        FROM generate_series($1::bigint, $2::bigint) j OFFSET 0
      ) g, (SELECT array_agg(id ORDER BY id) AS ids FROM public."StoreLocations") st`;

  const run = async (target: Step, from: number, to: number, rows: number): Promise<void> => {
    const started = performance.now();
    await client.query(target.sql, [from, to]);
    target.rows += rows;
    target.ms += performance.now() - started;
    onProgress?.({ table: target.table, rows: target.rows, total: target.total });
  };
  for (const target of [customers, products, orders, tickets, appointments]) {
    for (let from = 1; from <= target.total; from += CHUNK) {
      const to = Math.min(target.total, from + CHUNK - 1);
      await run(target, from, to, to - from + 1);
      if (target === orders) await run(items, from, to, await linesIn(from, to));
    }
  }
  await client.query(
    "SELECT setval(pg_get_serial_sequence('support.tickets', 'id'), (SELECT max(id) FROM support.tickets))",
  );
  return [customers, products, orders, items, tickets, appointments].map(({ table, rows, ms }) => ({
    table,
    rows,
    ms,
  }));
}
