/**
 * `pnpm eval [--domain name] [--cases file] [--database-url URL] [--provider neon|postgres|aurora_data_api|redshift]
 * [--documents folder] [--policies file] [--no-ingest] [--json out] [--filter text]`. Exit code 1 when anything leaked.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConvexError } from "convex/values";
import { CasesFileError, filterCases, loadCases } from "./cases.ts";
import { PROVIDERS, type Provider } from "./database.ts";
import { DEFAULT_DOMAIN, domainNames, domainOf, UnknownDomainError } from "./domains.ts";
import { caseLine, summary } from "./report.ts";
import { runEval } from "./run-eval.ts";

const USAGE = `Usage: pnpm eval [options]

  --domain <name>        the database, help articles and cases to score: ${domainNames().join(", ")}
                         (default ${DEFAULT_DOMAIN}: the demo database, documents/ and cases/demo.json
                         of tooling/eval; the others are folders of tooling/eval/domains)
  --cases <file>         cases (.json array or .jsonl); default the domain's
  --database-url <url>   the database to answer from, seeded by you; default an embedded PGlite seeded
                         with the domain's schema (database-schema.sql for ${DEFAULT_DOMAIN})
  --provider <name>      how the backend reaches it: ${PROVIDERS.join(", ")} (default neon, through the local cloud)
  --documents <folder>   help articles to upload; default the domain's
  --policies <file>      the admin's access policies (format in tooling/eval/README.md; tables not
                         listed stay private); default every non-private suggestion as it comes
  --as-of <date>         answer as of this day or instant ("next", "today"); default the day the
                         domain's cases were written for (2026-12-02 for shop, 2026-12-07 others)
  --no-ingest            do not ingest database rows into the knowledge base first
  --json <file>          write every result and the totals as JSON
  --filter <text>        only cases whose id, question or a tag contains the text
  --verbose              also print the backend's debug logs
  --help

Models come from the environment as in the backend: LANGUAGE_MODEL, EMBEDDING_MODEL (default offline).`;

// `pnpm eval` runs from the repository root; relative paths given by the user mean the caller's folder.
const here = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        domain: { type: "string" },
        cases: { type: "string" },
        "database-url": { type: "string" },
        provider: { type: "string" },
        documents: { type: "string" },
        policies: { type: "string" },
        "as-of": { type: "string" },
        "no-ingest": { type: "boolean" },
        json: { type: "string" },
        filter: { type: "string" },
        verbose: { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const provider = values.provider ?? "neon";
  if (!PROVIDERS.includes(provider as Provider)) {
    console.error(`--provider: expected one of ${PROVIDERS.join(", ")}, got "${provider}"`);
    return 2;
  }

  let domain;
  try {
    domain = domainOf(values.domain ?? DEFAULT_DOMAIN);
  } catch (error) {
    if (!(error instanceof UnknownDomainError)) throw error;
    console.error(error.message);
    return 2;
  }

  const casesFile = values.cases === undefined ? domain.casesFile : here(values.cases);
  let cases;
  try {
    cases = filterCases(await loadCases(casesFile), values.filter);
  } catch (error) {
    if (!(error instanceof CasesFileError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (cases.length === 0) {
    console.error(`No case of ${casesFile} matches --filter "${values.filter}".`);
    return 2;
  }

  const documentsDir = values.documents === undefined ? domain.documentsDir : here(values.documents);
  if (!existsSync(documentsDir)) {
    console.error(`--documents: ${documentsDir} does not exist`);
    return 2;
  }

  const policiesFile = values.policies === undefined ? undefined : here(values.policies);
  if (policiesFile !== undefined && !existsSync(policiesFile)) {
    console.error(`--policies: ${policiesFile} does not exist`);
    return 2;
  }

  const asOf = Date.parse(values["as-of"] ?? domain.asOf);
  if (Number.isNaN(asOf)) {
    console.error(`--as-of: expected a date (2026-12-07) or an ISO instant, got "${values["as-of"]}"`);
    return 2;
  }

  // The in-process backend's debug lines (rag logs one per search of a namespace that does not exist
  // yet) would bury the case lines; its warnings and errors still print.
  if (!values.verbose) console.debug = () => undefined;

  const started = performance.now();
  const log = (line: string) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);
  log(`domain ${domain.name}: ${cases.length} cases from ${casesFile}`);
  const idWidth = Math.max(...cases.map((c) => c.id.length));
  let report;
  try {
    report = await runEval({
      cases,
      domain: domain.name,
      databaseUrl: values["database-url"],
      schemaFile: domain.schemaFile,
      provider: provider as Provider,
      documentsDir,
      ingest: !values["no-ingest"],
      policiesFile,
      asOf,
      log,
      onResult: (result, index, total) => console.log(caseLine(result, index, total, idWidth)),
    });
  } catch (error) {
    // Setup failed (database unreachable, documents folder missing, ...): the cause, not a stack trace.
    console.error(`\nThe evaluation could not run: ${describeError(error)}`);
    return 2;
  }
  console.log(summary(report));

  if (values.json !== undefined) {
    const file = here(values.json);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(
      file,
      `${JSON.stringify({ casesFile, filter: values.filter ?? null, ...report }, null, 2)}\n`,
    );
    console.log(`\nwrote ${file}`);
  }
  if (report.totals.leaks > 0) {
    console.error(`\n${report.totals.leaks} leaks: forbidden facts reached the model or the reply.`);
    return 1;
  }
  return 0;
}

function describeError(error: unknown): string {
  if (error instanceof ConvexError) return JSON.stringify(error.data);
  return error instanceof Error ? error.message : String(error);
}

// Exit explicitly: the in-process backend keeps timers (scheduled functions, rate limits) alive.
process.exit(await main());
