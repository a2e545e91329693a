import pg from "pg";

/** Who connects to which database; the host and port always come from the backend's URL. */
export interface BackendLogin {
  user?: string | undefined;
  password?: string | undefined;
  database?: string | undefined;
}

/** A result in wire form: every value is Postgres text (or null), fields carry type OIDs. */
export interface RawResult {
  command: string;
  rowCount: number | null;
  rows: (string | null)[][];
  fields: pg.FieldDef[];
}

/** Every value stays the text Postgres sent; emulators convert by type OID like the real services. */
const RAW_TEXT_TYPES = { getTypeParser: () => (value: string) => value };

/**
 * The Postgres server behind the emulators (embedded PGlite or a real server). Pools are keyed by
 * login so an emulated service acts with the credentials its request resolved, as the real one does.
 */
export class PostgresBackend {
  readonly url: URL;
  private readonly pools = new Map<string, pg.Pool>();

  constructor(url: string) {
    this.url = new URL(url);
  }

  /** Host and port of the server, for the Neon WebSocket proxy. */
  get address(): { host: string; port: number } {
    return { host: this.url.hostname, port: Number(this.url.port || 5432) };
  }

  private config(login: BackendLogin): pg.ClientConfig {
    return {
      host: this.url.hostname,
      port: Number(this.url.port || 5432),
      user: login.user || decodeURIComponent(this.url.username) || "postgres",
      password: login.password ?? (decodeURIComponent(this.url.password) || undefined),
      database: login.database || decodeURIComponent(this.url.pathname.slice(1)) || "postgres",
      types: RAW_TEXT_TYPES,
      connectionTimeoutMillis: 10_000,
    };
  }

  pool(login: BackendLogin = {}): pg.Pool {
    const config = this.config(login);
    const key = JSON.stringify([config.user, config.password, config.database]);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new pg.Pool({ ...config, max: 10, idleTimeoutMillis: 30_000 });
      // An idle client dying (server restart) must not crash the emulator process.
      pool.on("error", () => undefined);
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** A dedicated session, for transactions that span requests. The caller must `end()` it. */
  async connect(login: BackendLogin = {}): Promise<pg.Client> {
    const client = new pg.Client(this.config(login));
    client.on("error", () => undefined);
    await client.connect();
    return client;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.end()));
  }
}

/** Runs one statement in array mode and returns wire-form rows. */
export async function queryRaw(
  client: pg.Pool | pg.PoolClient | pg.Client,
  text: string,
  values: unknown[] = [],
): Promise<RawResult> {
  const result = await client.query<(string | null)[]>({ text, values, rowMode: "array" });
  return { command: result.command, rowCount: result.rowCount, rows: result.rows, fields: result.fields };
}
