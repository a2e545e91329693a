/**
 * The security boundaries of docs/security.md and the test files that attack each one (every test in
 * them is an attack or the control that shows the boundary still lets the legitimate call through).
 * Paths are relative to the repository root; each package writes `.test-results/vitest.json`.
 */
export interface Boundary {
  name: string;
  files: string[];
}

export const BOUNDARIES: Boundary[] = [
  {
    name: "egress: the platform's network",
    files: [
      "packages/egress/test/egress.test.ts",
      "packages/connectors/test/egress.test.ts",
      "packages/backend/test/egress.test.ts",
      "packages/backend/test/webhooks.test.ts",
    ],
  },
  {
    name: "cloud identity: other tenants' AWS resources",
    files: [
      "packages/local-cloud/test/iam-sts.test.ts",
      "packages/connectors/test/cloud-identity.test.ts",
      "packages/backend/test/cloud-identity.test.ts",
    ],
  },
  {
    name: "roles and organizations",
    files: ["packages/backend/test/role-matrix.test.ts", "packages/backend/test/isolation.test.ts"],
  },
  {
    name: "widget sessions and identity",
    files: ["packages/backend/test/contact-sessions.test.ts", "packages/backend/test/conversations.test.ts"],
  },
  {
    name: "abuse limits",
    files: [
      "packages/backend/test/abuse-limits.test.ts",
      "packages/backend/test/abuse-limits-sign-in.test.ts",
    ],
  },
  { name: "bad input", files: ["packages/backend/test/bad-input.test.ts"] },
  {
    name: "rows and columns a viewer may see",
    files: [
      "packages/backend/test/access-policies.test.ts",
      "packages/backend/test/lookup/hidden-columns.test.ts",
      "packages/backend/test/lookup/model-sql.test.ts",
      "packages/backend/test/lookup/scoped-sql.test.ts",
      "packages/backend/test/model-sql.test.ts",
      "packages/backend/test/customer-view.test.ts",
      "packages/backend/test/policy-review.test.ts",
    ],
  },
  { name: "read-only SQL guard", files: ["packages/connectors/test/sql-guard.test.ts"] },
  {
    name: "embedded database timeouts",
    files: ["packages/local-cloud/test/embedded-postgres-timeouts.test.ts"],
  },
  { name: "API keys", files: ["packages/backend/test/http-api.test.ts"] },
  {
    name: "agent leaks (eval attack and clinic cases)",
    files: ["tooling/eval/test/harness.test.ts", "tooling/eval/test/clinic.test.ts"],
  },
];
