// The eval domains: how a name finds its files, and for every folder of domains/ its schema seeding a
// database, its cases checked against its INSERTs and articles (a fact that is in neither can never be
// found or leak) and its policies.json against its schema (a policy for a table that does not exist
// would silently leave the real one private) and its cases (each verified customer's forbids the values
// of their own row's hidden columns).
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { applySqlScript } from "@answerbase/local-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CASES, filterCases, loadCases, type EvalCase } from "../src/cases.ts";
import type { EvalDatabase } from "../src/database.ts";
import { DEFAULT_DOMAIN, DEMO_DOCUMENTS, domainNames, domainOf, UnknownDomainError } from "../src/domains.ts";
import { startSeededDatabase } from "../src/seeded-database.ts";

describe("domains", () => {
  it("the default is the demo shop, seeded by the embedded database itself", () => {
    expect(DEFAULT_DOMAIN).toBe("shop");
    expect(domainOf("shop")).toEqual({
      name: "shop",
      casesFile: DEMO_CASES,
      documentsDir: DEMO_DOCUMENTS,
      schemaFile: undefined,
      // The day its cases were written (ea5b4f4): "next appointment" is read as of then.
      asOf: "2026-12-02T12:00:00Z",
    });
  });

  it("a folder of domains/ is a domain: its schema.sql, cases.json and documents/", () => {
    const clinic = domainOf("clinic");
    expect(domainNames()).toEqual(expect.arrayContaining(["shop", "clinic"]));
    expect(clinic.casesFile).toMatch(/domains\/clinic\/cases\.json$/);
    expect(clinic.documentsDir).toMatch(/domains\/clinic\/documents$/);
    expect(clinic.schemaFile).toMatch(/domains\/clinic\/schema\.sql$/);
  });

  it("an unknown name is refused with the names there are", () => {
    expect(() => domainOf("dentist")).toThrowError(UnknownDomainError);
    expect(() => domainOf("../cases")).toThrowError(/expected one of shop, .*clinic/);
  });
});

/** Every domain with its own schema (all but the demo shop, which `database.test.ts` covers). */
const FOLDER_DOMAINS = domainNames().filter((name) => name !== DEFAULT_DOMAIN);

for (const name of FOLDER_DOMAINS) {
  const domain = domainOf(name);
  const schemaFile = domain.schemaFile!;
  const policiesFile = join(domain.casesFile, "..", "policies.json");

  describe(`the ${name} domain's cases`, () => {
    let schema: string;
    let cases: EvalCase[];
    let articles: string;
    beforeAll(async () => {
      schema = await readFile(schemaFile, "utf8");
      cases = await loadCases(domain.casesFile);
      const files = await readdir(domain.documentsDir);
      expect(files.length).toBeGreaterThanOrEqual(3);
      articles = (await Promise.all(files.map((f) => readFile(join(domain.documentsDir, f), "utf8")))).join(
        "\n",
      );
    });

    it("has at least 40 valid cases covering every kind of question", () => {
      expect(cases.length).toBeGreaterThanOrEqual(40);
      for (const tag of [
        "own-data",
        "cross-customer",
        "unverified",
        "public",
        "kb",
        "none",
        "injection",
        "sensitive-column",
        "staff-note",
      ]) {
        expect(filterCases(cases, tag).length, tag).toBeGreaterThanOrEqual(3);
      }
    });

    it("expects only facts read from its INSERTs or its articles", () => {
      // Whitespace as a reader sees it: an article's lines are wrapped.
      const lower = `${schema}\n${articles}`.replace(/\s+/g, " ").toLowerCase();
      const unknown = cases.flatMap((c) =>
        c.mustInclude.filter((fact) => !lower.includes(fact.toLowerCase())).map((fact) => `${c.id}: ${fact}`),
      );
      expect(unknown).toEqual([]);
    });

    it("forbids only values its database holds, so every forbidden fact could leak", () => {
      const unknown = cases.flatMap((c) =>
        c.mustNotInclude.filter((fact) => !schema.includes(fact)).map((fact) => `${c.id}: ${fact}`),
      );
      expect(unknown).toEqual([]);
    });
  });

  describe(`the ${name} domain's schema.sql`, () => {
    let database: EvalDatabase;
    let schemaName: string;
    beforeAll(async () => {
      const schema = await readFile(schemaFile, "utf8");
      // Every domain keeps its tables in a schema of its own, so all of them can share one database.
      schemaName = /CREATE SCHEMA IF NOT EXISTS (\w+)/i.exec(schema)?.[1] ?? "";
      expect(schemaName, "schema.sql creates a schema of its own").not.toBe("");
      database = await startSeededDatabase(schemaFile, `${name} (test)`);
    });
    afterAll(async () => {
      await database?.stop();
    });

    const query = async <Row extends Record<string, unknown>>(
      sql: string,
      params: unknown[] = [],
    ): Promise<Row[]> => {
      const client = await database.cloud.backend.connect();
      try {
        // The backend's clients keep every value as Postgres text.
        return (await client.query<Row>(sql, params)).rows;
      } finally {
        await client.end();
      }
    };
    const columnsByTable = async (): Promise<Map<string, Set<string>>> => {
      const rows = await query<{ table_name: string; column_name: string }>(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
         WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'`,
        [schemaName],
      );
      const tables = new Map<string, Set<string>>();
      for (const row of rows) {
        const table = `${schemaName}.${row.table_name}`;
        tables.set(table, (tables.get(table) ?? new Set()).add(row.column_name));
      }
      return tables;
    };
    const counts = async (tables: string[]) =>
      Promise.all(
        tables.map(async (table) => {
          const [row] = await query<{ rows: string }>(`SELECT count(*)::text AS rows FROM ${table}`);
          return { table, rows: Number(row!.rows) };
        }),
      );

    it("seeds an embedded database with rows, and applied again leaves the same rows", async () => {
      const tables = [...(await columnsByTable()).keys()].sort();
      expect(tables.length).toBeGreaterThanOrEqual(3);
      const first = await counts(tables);
      expect(first.filter(({ rows }) => rows === 0)).toEqual([]);
      const client = await database.cloud.backend.connect();
      try {
        await applySqlScript(client, await readFile(schemaFile, "utf8"), "schema.sql");
      } finally {
        await client.end();
      }
      expect(await counts(tables)).toEqual(first);
    });

    it.runIf(existsSync(policiesFile))(
      "policies.json names only tables, columns and owner paths of the schema",
      async () => {
        const policies = JSON.parse(await readFile(policiesFile, "utf8")) as PoliciesFile;
        const tables = await columnsByTable();
        const problems: string[] = [];
        const checkColumn = (where: string, table: string, column: string) => {
          if (!tables.get(table)?.has(column)) problems.push(`${where}: no column ${table}.${column}`);
        };
        for (const [table, policy] of Object.entries(policies.tables)) {
          if (!tables.has(table)) {
            problems.push(`${table}: no such table in schema ${schemaName}`);
            continue;
          }
          for (const column of policy.hiddenColumns ?? [])
            checkColumn(`${table} hiddenColumns`, table, column);
          if (policy.kind !== "customer") continue;
          // Each step is "column of the current table -> referenced table.column".
          let current = table;
          for (const step of policy.ownerPath ?? []) {
            const match = /^(\w+) -> (\w+)\.(\w+)$/.exec(step);
            if (!match) {
              problems.push(`${table} ownerPath: "${step}" is not "column -> table.column"`);
              break;
            }
            const [, column, next, key] = match;
            checkColumn(`${table} ownerPath`, current, column!);
            current = `${schemaName}.${next}`;
            checkColumn(`${table} ownerPath`, current, key!);
          }
          checkColumn(`${table} ownerColumn`, current, policy.ownerColumn ?? "");
        }
        expect(problems).toEqual([]);
      },
    );

    it.runIf(existsSync(policiesFile))(
      "every verified customer's case forbids the values of their own row's hidden columns",
      async () => {
        // Hidden columns never reach the model, so they may appear nowhere, whatever the question.
        const policies = JSON.parse(await readFile(policiesFile, "utf8")) as PoliciesFile;
        const cases = await loadCases(domain.casesFile);
        const verified = cases.filter((c) => typeof c.contact === "object" && c.contact.verified);
        const customerTables = Object.entries(policies.tables).filter(
          ([, policy]) =>
            policy.kind === "customer" &&
            (policy.ownerPath ?? []).length === 0 &&
            (policy.hiddenColumns ?? []).length > 0,
        );
        expect(customerTables.length, "a customer table with hidden columns").toBeGreaterThan(0);
        let checked = 0;
        for (const [table, policy] of customerTables) {
          const hidden = policy.hiddenColumns!;
          const rows = await query<Record<string, string | null>>(
            `SELECT "${policy.ownerColumn}"::text AS owner, ${hidden.map((c) => `"${c}"::text AS "${c}"`).join(", ")}
             FROM ${table}`,
          );
          for (const c of verified) {
            const row = rows.find((r) => r.owner === (c.contact as { email: string }).email);
            if (!row) continue;
            checked += 1;
            const values = hidden.map((column) => row[column]).filter((v): v is string => v != null);
            expect(c.mustNotInclude, `${c.id}: ${table} hidden columns`).toEqual(
              expect.arrayContaining(values),
            );
          }
        }
        expect(checked, "verified cases of customers of the table").toBeGreaterThan(0);
      },
    );
  });
}

/** The admin's choices, as `pnpm eval --policies` reads them (README.md of the eval documents it). */
interface PoliciesFile {
  tables: Record<
    string,
    {
      kind: "public" | "private" | "suggested" | "customer";
      hiddenColumns?: string[];
      ownerPath?: string[];
      ownerColumn?: string;
    }
  >;
}

describe("the clinic's patients", () => {
  let database: EvalDatabase;
  let cases: EvalCase[];
  beforeAll(async () => {
    const clinic = domainOf("clinic");
    cases = await loadCases(clinic.casesFile);
    database = await startSeededDatabase(clinic.schemaFile!, "clinic (test)");
  });
  afterAll(async () => {
    await database?.stop();
  });

  it("every verified patient's case forbids their national id, IBAN and the notes written about them", async () => {
    const client = await database.cloud.backend.connect();
    let patients: { email: string; national_id: string; iban: string; notes: string | string[] }[];
    try {
      patients = (
        await client.query<{ email: string; national_id: string; iban: string; notes: string }>(
          `SELECT p.email, p.national_id, p.iban, array_agg(n.note) AS notes
           FROM clinic.patients p JOIN clinic.staff_notes n ON n.patient_id = p.id GROUP BY 1, 2, 3`,
        )
      ).rows;
    } finally {
      await client.end();
    }
    expect(patients).toHaveLength(5);
    const verified = cases.filter((c) => typeof c.contact === "object" && c.contact.verified);
    expect(verified.length).toBeGreaterThanOrEqual(20);
    for (const c of verified) {
      const email = (c.contact as { email: string }).email;
      const patient = patients.find((p) => p.email === email);
      expect(patient, `${c.id}: ${email} is a patient`).toBeDefined();
      expect(c.mustNotInclude, c.id).toEqual(expect.arrayContaining([patient!.national_id, patient!.iban]));
      for (const note of parseTextArray(patient!.notes)) {
        expect(
          c.mustNotInclude.some((fact) => note.includes(fact)),
          `${c.id} forbids a phrase of "${note}"`,
        ).toBe(true);
      }
    }
  });
});

/** The backend's clients leave arrays as Postgres text: `{"a b","c"}`. */
function parseTextArray(value: string | string[]): string[] {
  if (Array.isArray(value)) return value;
  return [...value.slice(1, -1).matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) =>
    (m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1"),
  );
}
