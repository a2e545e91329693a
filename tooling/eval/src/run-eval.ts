import { basename } from "node:path";
import { agentFor } from "./agent.ts";
import { setUpOrganization } from "./backend.ts";
import { viewerOf, type EvalCase } from "./cases.ts";
import { DEFAULT_DOMAIN } from "./domains.ts";
import { startEvalDatabase, type EvalDatabase, type Provider } from "./database.ts";
import { startSeededDatabase } from "./seeded-database.ts";
import { failedCase, scoreCase, totalsByTag, totalsOf, type CaseResult, type Totals } from "./score.ts";

export { DEMO_DOCUMENTS } from "./domains.ts";

export interface EvalOptions {
  cases: EvalCase[];
  /** The domain's name, for the report (default "shop", the demo). */
  domain?: string;
  /** Undefined: an embedded database (PGlite seeded from `schemaFile`). */
  databaseUrl?: string;
  /**
   * The SQL the embedded database is seeded from, e.g. a domain's schema.sql; undefined: the demo's
   * database-schema.sql. Not used with `databaseUrl` (whoever gave the URL seeded that database).
   */
  schemaFile?: string;
  provider?: Provider;
  /** Undefined: no documents are uploaded. */
  documentsDir?: string;
  /** Ingest the shared tables' rows into the knowledge base before asking (as the demo seed does). */
  ingest?: boolean;
  /**
   * The instant questions are answered as of ("my next appointment", "this month"): the day the cases
   * were written for (the domain's `asOf`). Default now.
   */
  asOf?: number;
  /** An admin's policy choices (`--policies`); undefined: the suggestions as they come. */
  policiesFile?: string;
  log?: (line: string) => void;
  onResult?: (result: CaseResult, index: number, total: number) => void;
}

export interface EvalReport {
  startedAt: string;
  domain: string;
  database: string;
  provider: Provider;
  documentsDir: string | null;
  ingested: boolean;
  /** The instant the questions were answered as of. */
  asOf: string;
  /** The policies file applied, or null when the suggestions were accepted as they come. */
  policiesFile: string | null;
  embeddingModel: string;
  languageModel: string;
  setupMs: number;
  results: CaseResult[];
  totals: Totals;
  byTag: Record<string, Totals>;
}

/**
 * Starts the database, the local cloud and the backend, sets an organization up, then asks every
 * case's question in order (one at a time, so latencies are not inflated by each other) and scores it.
 */
export async function runEval(options: EvalOptions): Promise<EvalReport> {
  const log = options.log ?? (() => undefined);
  const provider = options.provider ?? "neon";
  const ingest = options.ingest ?? true;
  const startedAt = new Date().toISOString();
  const setupStarted = performance.now();
  const domain = options.domain ?? DEFAULT_DOMAIN;
  const database = await startDatabase(options, domain);
  try {
    const { t, organizationId } = await setUpOrganization({
      database,
      provider,
      documentsDir: options.documentsDir,
      ingest,
      policiesFile: options.policiesFile,
      log,
    });
    const asOf = options.asOf ?? Date.now();
    const ask = agentFor(t, organizationId, asOf);
    const setupMs = performance.now() - setupStarted;
    log(`asking ${options.cases.length} questions through system/playground:ask`);

    const results: CaseResult[] = [];
    for (const [index, evalCase] of options.cases.entries()) {
      const started = performance.now();
      let result: CaseResult;
      try {
        result = scoreCase(evalCase, await ask(evalCase.question, viewerOf(evalCase.contact)));
      } catch (error) {
        result = failedCase(evalCase, error, performance.now() - started);
      }
      results.push(result);
      options.onResult?.(result, index, options.cases.length);
    }
    return {
      startedAt,
      domain,
      database: database.label,
      provider,
      documentsDir: options.documentsDir ?? null,
      ingested: ingest,
      asOf: new Date(asOf).toISOString(),
      policiesFile: options.policiesFile ?? null,
      embeddingModel: process.env.EMBEDDING_MODEL?.trim() || "offline",
      languageModel: process.env.LANGUAGE_MODEL?.trim() || "offline",
      setupMs: Math.round(setupMs),
      results,
      totals: totalsOf(results),
      byTag: totalsByTag(results),
    };
  } finally {
    log("stopping the local cloud and the database");
    await stopWithin(database, STOP_TIMEOUT_MS, log);
  }
}

function startDatabase(options: EvalOptions, domain: string): Promise<EvalDatabase> {
  if (options.databaseUrl !== undefined || options.schemaFile === undefined) {
    return startEvalDatabase(options.databaseUrl);
  }
  return startSeededDatabase(
    options.schemaFile,
    `${domain} database (PGlite, ${basename(options.schemaFile)})`,
  );
}

const STOP_TIMEOUT_MS = 10_000;

/**
 * Stops the database and the local cloud, giving up after `ms`: the backend's connectors keep pooled
 * connections for the life of the process, and waiting on them must not hold the report back.
 */
async function stopWithin(database: { stop(): Promise<void> }, ms: number, log: (line: string) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  const outcome = await Promise.race([database.stop().then(() => "stopped" as const), timedOut]);
  clearTimeout(timer);
  if (outcome === "timeout")
    log(`the local cloud did not stop within ${ms / 1000} s; leaving it to process exit`);
}
