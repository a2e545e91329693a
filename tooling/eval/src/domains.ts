import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_CASES } from "./cases.ts";

/** The demo shop: `database-schema.sql`, `cases/demo.json` and `documents/` (what `pnpm dev` serves). */
export const DEFAULT_DOMAIN = "shop";

/** The demo shop's help articles (`pnpm eval` without `--domain` or `--documents`). */
export const DEMO_DOCUMENTS = fileURLToPath(new URL("../documents", import.meta.url));

/** Where the other domains live, one folder each: `schema.sql`, `cases.json`, `documents/`. */
export const DOMAINS_DIR = fileURLToPath(new URL("../domains", import.meta.url));

/** A database, its help articles and the cases written for them, scored together by `pnpm eval --domain`. */
export interface EvalDomain {
  name: string;
  casesFile: string;
  documentsDir: string;
  /**
   * The SQL an embedded database is seeded from (schema and sample data, idempotent); undefined for the
   * demo shop, which the embedded database is seeded with by default (`database-schema.sql`).
   */
  schemaFile: string | undefined;
  /**
   * The instant the cases were written for: "my next appointment" is read as of then, so a case stays
   * true on any later day. The demo shop's cases were written on 2026-12-02 (ea5b4f4); every domain
   * folder's on 2026-12-07 (their READMEs).
   */
  asOf: string;
}

const SHOP_CASES_WRITTEN = "2026-12-02T12:00:00Z";
const DOMAIN_CASES_WRITTEN = "2026-12-07T09:00:00Z";

export class UnknownDomainError extends Error {}

/** The demo shop and every folder of `domains/` that holds a schema, cases and documents. */
export function domainNames(): string[] {
  const folders = existsSync(DOMAINS_DIR)
    ? readdirSync(DOMAINS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return [DEFAULT_DOMAIN, ...folders.filter((name) => missingFiles(name).length === 0)];
}

/** The files of a domain; unknown names and incomplete folders are refused with what is missing. */
export function domainOf(name: string): EvalDomain {
  if (name === DEFAULT_DOMAIN) {
    return {
      name,
      casesFile: DEMO_CASES,
      documentsDir: DEMO_DOCUMENTS,
      schemaFile: undefined,
      asOf: SHOP_CASES_WRITTEN,
    };
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !existsSync(join(DOMAINS_DIR, name))) {
    throw new UnknownDomainError(
      `--domain: no domain "${name}"; expected one of ${domainNames().join(", ")}`,
    );
  }
  const missing = missingFiles(name);
  if (missing.length > 0) {
    throw new UnknownDomainError(`--domain: ${join(DOMAINS_DIR, name)} has no ${missing.join(", ")}`);
  }
  return {
    name,
    casesFile: join(DOMAINS_DIR, name, "cases.json"),
    documentsDir: join(DOMAINS_DIR, name, "documents"),
    schemaFile: join(DOMAINS_DIR, name, "schema.sql"),
    asOf: DOMAIN_CASES_WRITTEN,
  };
}

function missingFiles(name: string): string[] {
  return ["schema.sql", "cases.json", "documents"].filter(
    (file) => !existsSync(join(DOMAINS_DIR, name, file)),
  );
}
