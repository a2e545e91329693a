import type { TableInfo } from "@answerbase/connectors";
import type { AccessPolicy } from "../access/policies";
import { withoutHiddenColumns } from "../access/hiddenColumns";
import { findTable, policyOf, verifiedKeyOf, type PolicyMap, type Viewer } from "../access/viewer";
import type { ReferenceStep } from "./conditions";

/*
 * The row a customer's row belongs to, one step up its owner path: a guardian's enrolment belongs to a
 * student ("Amara's class"), a subscriber's invoice to a line or an account. For a verified contact that
 * row is their own — the owner filter only lets a row through when this step leads to them — so the
 * lookup may filter by it ("Amara's next session": student's name ILIKE '%Amara%') and show its name
 * (which child a row is about) although the contact may not read the referenced table whole. Only this
 * first step, and only its visible columns: another foreign key to a customer table can point at
 * somebody else's row.
 */

export interface OwnerStep {
  step: ReferenceStep;
  /** The referenced table without its hidden columns. */
  target: TableInfo;
  /** The path continues past it: the step's row is not the customer themselves (a child, a line). */
  intermediate: boolean;
}

export function ownerStep(
  policy: AccessPolicy,
  catalog: readonly TableInfo[],
  policies: PolicyMap,
  viewer: Viewer,
): OwnerStep | null {
  if (viewer.kind !== "contact" || verifiedKeyOf(viewer) === null) return null;
  if (policy.kind !== "customer" || policy.ownerPath.length === 0) return null;
  const first = policy.ownerPath[0]!;
  const stored = findTable(catalog, { schema: first.references.schema, name: first.references.table });
  if (stored === undefined) return null;
  const targetPolicy = policyOf(policies, stored);
  // Rows hidden from their own owner (staff-only) are not theirs to filter by either.
  if (targetPolicy.kind !== "customer" || targetPolicy.hiddenWhen !== undefined) return null;
  const target = withoutHiddenColumns(stored, targetPolicy);
  if (!target.columns.some((c) => c.name === first.references.column)) return null;
  return {
    step: {
      foreignKey: first.column,
      table: { schema: stored.schema, name: stored.name },
      key: first.references.column,
    },
    target,
    intermediate: policy.ownerPath.length > 1,
  };
}

export function isOwnerStep(candidate: ReferenceStep, owner: OwnerStep | null): boolean {
  return (
    owner !== null &&
    candidate.foreignKey === owner.step.foreignKey &&
    candidate.key === owner.step.key &&
    candidate.table.schema === owner.step.table.schema &&
    candidate.table.name === owner.step.table.name
  );
}
