// A second, unrelated schema for the planner: a clinic (patients, appointments, prescriptions,
// invoices), with camelCase and snake_case names, a uuid key, a table without a primary key and a
// private table. Written by hand as TableInfo, the shape `listTables()` returns.
import type { ColumnInfo, ColumnType, ForeignKey, TableInfo } from "@answerbase/connectors";
import type { AccessPolicy } from "../../../convex/access/policies.ts";
import type { PolicyMap } from "../../../convex/access/viewer.ts";

const NATIVE: Record<string, ColumnType> = {
  integer: "integer",
  bigint: "bigint",
  text: "text",
  uuid: "uuid",
  date: "date",
  "numeric(10,2)": "decimal",
  "timestamp with time zone": "timestamptz",
  "time without time zone": "time",
  boolean: "boolean",
};

function table(
  name: string,
  columns: [string, keyof typeof NATIVE][],
  primaryKey: string[],
  foreignKeys: [string, string, string][] = [],
): TableInfo {
  return {
    schema: "clinic",
    name,
    kind: "table",
    comment: null,
    estimatedRows: null,
    columns: columns.map(([column, nativeType], i): ColumnInfo => ({
      name: column,
      ordinal: i + 1,
      nativeType,
      type: NATIVE[nativeType]!,
      nullable: false,
      comment: null,
    })),
    primaryKey,
    foreignKeys: foreignKeys.map(([column, target, targetColumn]): ForeignKey => ({
      name: `${name}_${column}_fkey`,
      columns: [column],
      references: { schema: "clinic", name: target, columns: [targetColumn] },
    })),
  };
}

export const CLINIC_CATALOG: TableInfo[] = [
  table(
    "patients",
    [
      ["id", "integer"],
      ["emailAddress", "text"],
      ["fullName", "text"],
      ["dateOfBirth", "date"],
    ],
    ["id"],
  ),
  table(
    "doctors",
    [
      ["id", "integer"],
      ["display_name", "text"],
      ["specialty", "text"],
    ],
    ["id"],
  ),
  table(
    "appointments",
    [
      ["appointment_id", "uuid"],
      ["patient_id", "integer"],
      ["doctor_id", "integer"],
      ["starts_at", "timestamp with time zone"],
      ["room", "text"],
      ["status", "text"],
    ],
    ["appointment_id"],
    [
      ["patient_id", "patients", "id"],
      ["doctor_id", "doctors", "id"],
    ],
  ),
  table(
    "prescriptions",
    [
      ["rx_number", "text"],
      ["patient_id", "integer"],
      ["medication", "text"],
      ["refills_remaining", "integer"],
      ["issued_on", "date"],
    ],
    ["rx_number"],
    [["patient_id", "patients", "id"]],
  ),
  table(
    "Invoices",
    [
      ["invoiceNo", "integer"],
      ["patientId", "integer"],
      ["amountDue", "numeric(10,2)"],
      ["dueDate", "date"],
      ["isPaid", "boolean"],
    ],
    ["invoiceNo"],
    [["patientId", "patients", "id"]],
  ),
  table(
    "staff_notes",
    [
      ["id", "bigint"],
      ["patient_id", "integer"],
      ["body", "text"],
    ],
    ["id"],
    [["patient_id", "patients", "id"]],
  ),
  table(
    "opening_hours",
    [
      ["weekday", "text"],
      ["opens", "time without time zone"],
      ["closes", "time without time zone"],
    ],
    [],
  ),
];

const toPatients = (column: string) => ({
  column,
  references: { schema: "clinic", table: "patients", column: "id" },
});

/** staff_notes has no policy: private. */
export const CLINIC_POLICIES: PolicyMap = new Map<string, AccessPolicy>([
  ["clinic.patients", { kind: "customer", ownerPath: [], ownerColumn: "emailAddress" }],
  ["clinic.doctors", { kind: "public" }],
  ["clinic.opening_hours", { kind: "public" }],
  [
    "clinic.appointments",
    { kind: "customer", ownerPath: [toPatients("patient_id")], ownerColumn: "emailAddress" },
  ],
  [
    "clinic.prescriptions",
    { kind: "customer", ownerPath: [toPatients("patient_id")], ownerColumn: "emailAddress" },
  ],
  [
    "clinic.Invoices",
    { kind: "customer", ownerPath: [toPatients("patientId")], ownerColumn: "emailAddress" },
  ],
]);
