import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { api, internal } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { generateDeploymentSecrets } from "@answerbase/backend/deployment-secrets";
import { convexTestFor } from "@answerbase/local-convex/testing";
import { cloudEnv, dataSourceConfig, type EvalDatabase, type Provider } from "./database.ts";
import { policyFor, readPoliciesFile, type AccessPolicy } from "./policies-file.ts";

/** The Convex functions the harness runs in-process, on convex-test's engine as local-convex does. */
const CONVEX_DIR = fileURLToPath(new URL("../../../packages/backend/convex", import.meta.url));
/** Formats the documents pipeline accepts (packages/documents); anything else in the folder is skipped. */
const DOCUMENT_EXTENSIONS = /\.(md|markdown|txt|text|html?|xhtml|csv|tsv|pdf)$/i;
const POLL_MS = 100;

export type Backend = Awaited<ReturnType<typeof convexTestFor>>;
type Admin = ReturnType<Backend["withIdentity"]>;

export interface Organization {
  t: Backend;
  organizationId: Id<"organizations">;
  /** Tables shared with contacts and their policy kind, as the suggestions were accepted. */
  policies: { table: string; kind: string }[];
}

export interface SetupOptions {
  database: EvalDatabase;
  provider: Provider;
  documentsDir: string | undefined;
  ingest: boolean;
  /**
   * An admin's policy choices (`--policies`, format in tooling/eval/README.md); undefined: every
   * suggestion that is not private is accepted as it comes, as the demo seed does.
   */
  policiesFile?: string;
  log: (line: string) => void;
  /** Give up waiting for documents and ingestion after this long. */
  timeoutMs?: number;
}

/**
 * A fresh backend and one organization set up the way an admin does it on the dashboard: connect the
 * database, accept the suggested access policies, upload the help articles, ingest the rows.
 */
export async function setUpOrganization(options: SetupOptions): Promise<Organization> {
  const { database, provider, log } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  Object.assign(process.env, await generateDeploymentSecrets(), cloudEnv(database));
  const t = await convexTestFor(CONVEX_DIR);

  const email = "eval-admin@answerbase.test";
  const userId = await t.run((ctx) => ctx.db.insert("users", { email, name: "Eval admin" }));
  const admin = t.withIdentity({ subject: `${userId}|eval`, email });
  const organizationId = await admin.mutation(api.private.organizations.create, { name: "Eval" });
  // The eval's database is on this machine: the operator's private-network grant, as `pnpm dev` gives the demo.
  await t.mutation(internal.system.networkAccess.grantPrivateNetworks, { organizationId });
  await admin.action(api.private.dataSourceActions.save, {
    organizationId,
    config: dataSourceConfig(database, provider),
  });
  log(`connected ${database.label} through ${provider}`);

  // The admin's choices when given; otherwise as the demo seed does: every table whose suggestion is
  // not private is saved with that suggestion. The file is checked whole before anything is saved.
  const tables = await admin.action(api.private.dataSourceActions.listTables, { organizationId });
  const choices =
    options.policiesFile === undefined ? undefined : await readPoliciesFile(options.policiesFile, tables);
  const policies: Organization["policies"] = [];
  for (const table of tables) {
    const policy: AccessPolicy | undefined =
      choices === undefined ? table.suggestion.policy : policyFor(table, choices);
    if (policy === undefined || policy.kind === "private") continue;
    await admin.mutation(api.private.dataSources.setPolicy, {
      organizationId,
      schema: table.schema,
      table: table.name,
      policy,
    });
    policies.push({ table: `${table.schema}.${table.name}`, kind: policy.kind });
  }
  log(
    `policies${options.policiesFile === undefined ? " (suggested)" : ` (${options.policiesFile})`}: ${policies.map((p) => `${p.table} ${p.kind}`).join(", ")}; ` +
      `${tables.length - policies.length} of ${tables.length} tables stay private`,
  );

  if (options.documentsDir !== undefined) {
    await uploadDocuments(t, admin, organizationId, options.documentsDir, deadline, log);
  }
  if (options.ingest) await ingestRows(admin, organizationId, deadline, log);
  return { t, organizationId, policies };
}

async function uploadDocuments(
  t: Backend,
  admin: Admin,
  organizationId: Id<"organizations">,
  folder: string,
  deadline: number,
  log: (line: string) => void,
): Promise<void> {
  const files = (await readdir(folder)).filter((name) => DOCUMENT_EXTENSIONS.test(name)).sort();
  if (files.length === 0) throw new Error(`${folder} holds no documents (.md, .txt, .html, .csv, .pdf)`);
  // The CLI upload path (system/documents:upload): the dashboard's upload URL needs an HTTP server.
  for (const fileName of files) {
    const bytes = await readFile(join(folder, fileName));
    await t.action(internal.system.documents.upload, {
      organizationId,
      fileName,
      base64: bytes.toString("base64"),
    });
  }
  for (;;) {
    const { page: documents } = await admin.query(api.private.documents.list, {
      organizationId,
      paginationOpts: { numItems: 1000, cursor: null },
    });
    const pending = documents.filter((d) => d.status.kind === "processing");
    const failed = documents.filter((d) => d.status.kind === "failed");
    if (pending.length === 0) {
      for (const document of failed) {
        log(`document ${document.fileName} failed: ${JSON.stringify(document.status)}`);
      }
      log(`documents: ${documents.length - failed.length} of ${files.length} indexed from ${folder}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`${pending.length} documents were still being indexed`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function ingestRows(
  admin: Admin,
  organizationId: Id<"organizations">,
  deadline: number,
  log: (line: string) => void,
): Promise<void> {
  const started = performance.now();
  const jobId = await admin.mutation(api.private.ingestion.start, { organizationId });
  for (;;) {
    const job = await admin.query(api.private.ingestion.get, { organizationId, jobId });
    if (!["queued", "running"].includes(job.status.kind)) {
      const rows = job.tables.reduce((sum, table) => sum + table.rowsRead, 0);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      log(`ingestion ${job.status.kind}: ${rows} rows from ${job.tables.length} tables in ${seconds} s`);
      if (job.status.kind !== "done") throw new Error(`ingestion ended ${JSON.stringify(job.status)}`);
      return;
    }
    if (Date.now() > deadline) throw new Error("ingestion did not finish in time");
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
