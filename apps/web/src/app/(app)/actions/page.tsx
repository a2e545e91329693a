"use client";

import { AdminsOnly } from "@/components/admins-only";
import { ActionsSection } from "@/components/actions/actions-section";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";
import { useOrganization } from "@/lib/organization";

export default function ActionsPage() {
  const { isAdmin } = useOrganization();
  return (
    <>
      <PageHeader
        title="Actions"
        description="HTTP requests the agent may make for a customer — read a record, create a task, request a refund — with inputs it cannot forge and, where you choose, a customer's confirmation or an operator's approval first."
      />
      {isAdmin ? (
        <ErrorBoundary title="The actions could not be listed">
          <ActionsSection />
        </ErrorBoundary>
      ) : (
        <AdminsOnly what="Action definitions" />
      )}
    </>
  );
}
