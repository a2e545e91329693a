import { expect, it } from "vitest";
import { countBoundaries } from "../src/count.ts";

const boundaries = [
  { name: "egress", files: ["packages/egress/test/egress.test.ts", "packages/backend/test/egress.test.ts"] },
  { name: "roles", files: ["packages/backend/test/role-matrix.test.ts"] },
];

it("counts passed, failed and skipped tests per boundary, and files no report covers", () => {
  const counts = countBoundaries(
    boundaries,
    [
      {
        testResults: [
          {
            name: "/repo/packages/egress/test/egress.test.ts",
            assertionResults: [
              { status: "passed", fullName: "refuses 127.0.0.1" },
              { status: "failed", fullName: "refuses 0x7f.1" },
              { status: "skipped", fullName: "needs a server" },
            ],
          },
          {
            name: "/repo/packages/other/test/x.test.ts",
            assertionResults: [{ status: "passed", fullName: "x" }],
          },
        ],
      },
    ],
    "/repo",
  );
  expect(counts).toEqual([
    {
      boundary: "egress",
      files: 2,
      tried: 2,
      held: 1,
      failed: ["packages/egress/test/egress.test.ts: refuses 0x7f.1"],
      skipped: 1,
      missing: ["packages/backend/test/egress.test.ts"],
    },
    {
      boundary: "roles",
      files: 1,
      tried: 0,
      held: 0,
      failed: [],
      skipped: 0,
      missing: ["packages/backend/test/role-matrix.test.ts"],
    },
  ]);
});
