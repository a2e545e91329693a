// The eval domains: how a name finds its files, the clinic's schema seeding a database, and the clinic's
// cases checked against its INSERTs and articles (a fact that is in neither can never be found or leak).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { applySqlScript } from "@answerbase/local-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CASES, filterCases, loadCases, type EvalCase } from "../src/cases.ts";
import type { EvalDatabase } from "../src/database.ts";
import { DEFAULT_DOMAIN, DEMO_DOCUMENTS, domainNames, domainOf, UnknownDomainError } from "../src/domains.ts";
import { startSeededDatabase } from "../src/seeded-database.ts";

const clinic = domainOf("clinic");
const schema = await readFile(clinic.schemaFile!, "utf8");

describe("domains", () => {
  it("the default is the demo shop, seeded by the embedded database itself", () => {
    expect(DEFAULT_DOMAIN).toBe("shop");
    expect(domainOf("shop")).toEqual({
      name: "shop",
      casesFile: DEMO_CASES,
      documentsDir: DEMO_DOCUMENTS,
      schemaFile: undefined,
    });
  });

  it("a folder of domains/ is a domain: its schema.sql, cases.json and documents/", () => {
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

describe("the clinic domain", () => {
  let cases: EvalCase[];
  let articles: string;
  beforeAll(async () => {
    cases = await loadCases(clinic.casesFile);
    const files = await readdir(clinic.documentsDir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    articles = (await Promise.all(files.map((f) => readFile(join(clinic.documentsDir, f), "utf8")))).join(
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

describe("the clinic's schema.sql", () => {
  let database: EvalDatabase;
  let cases: EvalCase[];
  beforeAll(async () => {
    cases = await loadCases(clinic.casesFile);
    database = await startSeededDatabase(clinic.schemaFile!, "clinic (test)");
  });
  afterAll(async () => {
    await database?.stop();
  });

  const query = async <Row extends Record<string, unknown>>(sql: string): Promise<Row[]> => {
    const client = await database.cloud.backend.connect();
    try {
      // The backend's clients keep every value as Postgres text.
      return (await client.query<Row>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const counts = () =>
    query<{ table_name: string; rows: string }>(
      `SELECT 'patients' AS table_name, count(*)::text AS rows FROM clinic.patients
       UNION ALL SELECT 'appointments', count(*)::text FROM clinic.appointments
       UNION ALL SELECT 'invoices', count(*)::text FROM clinic.invoices
       UNION ALL SELECT 'staff_notes', count(*)::text FROM clinic.staff_notes
       UNION ALL SELECT 'therapists', count(*)::text FROM clinic.therapists`,
    );

  it("seeds an embedded database, and applied again leaves the same rows", async () => {
    const first = await counts();
    expect(first).toEqual([
      { table_name: "patients", rows: "5" },
      { table_name: "appointments", rows: "16" },
      { table_name: "invoices", rows: "10" },
      { table_name: "staff_notes", rows: "5" },
      { table_name: "therapists", rows: "5" },
    ]);
    const client = await database.cloud.backend.connect();
    try {
      await applySqlScript(client, schema, "schema.sql");
    } finally {
      await client.end();
    }
    expect(await counts()).toEqual(first);
  });

  it("every verified patient's case forbids their national id, IBAN and the notes written about them", async () => {
    const patients = await query<{ email: string; national_id: string; iban: string; notes: string[] }>(
      `SELECT p.email, p.national_id, p.iban, array_agg(n.note) AS notes
       FROM clinic.patients p JOIN clinic.staff_notes n ON n.patient_id = p.id GROUP BY 1, 2, 3`,
    );
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
