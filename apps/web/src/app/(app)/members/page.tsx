"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { ErrorBoundary } from "@/components/error-boundary";
import { Invitations } from "@/components/members/invitations";
import { MembersTable } from "@/components/members/members-table";
import { RoleLegend } from "@/components/members/roles";
import { PageHeader } from "@/components/page-header";
import { useOrganization } from "@/lib/organization";

export default function MembersPage() {
  const { isAdmin } = useOrganization();
  return (
    <>
      <PageHeader title="Members" description="Who works in this organization, and what they may do." />
      <Card>
        <CardHeader>
          <CardTitle>People</CardTitle>
          <CardDescription>
            {isAdmin
              ? "Change a role from its menu; removing someone ends their access at once."
              : "Only owners and admins change roles, remove people or invite them."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <ErrorBoundary title="The members could not be listed">
            <MembersTable />
          </ErrorBoundary>
          <RoleLegend />
        </CardContent>
      </Card>
      {isAdmin && (
        <Card data-testid="invite-card">
          <CardHeader>
            <CardTitle>Invite someone</CardTitle>
            <CardDescription>
              Create a link and send it to them; they sign in (or sign up) and join.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ErrorBoundary title="Invitations are unavailable">
              <Invitations />
            </ErrorBoundary>
          </CardContent>
        </Card>
      )}
    </>
  );
}
