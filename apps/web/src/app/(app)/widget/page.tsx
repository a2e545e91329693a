"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { AdminsOnly } from "@/components/admins-only";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";
import { EmbedSnippets } from "@/components/widget/embed-snippets";
import { IdentitySection } from "@/components/widget/identity-section";
import { WidgetSettingsSection } from "@/components/widget/settings-form";
import { useOrganization } from "@/lib/organization";

export default function WidgetPage() {
  const { isAdmin } = useOrganization();
  return (
    <>
      <PageHeader
        title="Widget"
        description="How the chat widget looks on your site, how to embed it, and how it recognises your signed-in customers."
      />
      {isAdmin ? (
        <>
          <ErrorBoundary title="The widget settings could not be loaded">
            <WidgetSettingsSection />
          </ErrorBoundary>
          <div className="grid items-start gap-6 xl:grid-cols-2">
            <Card>
              <CardHeader>
                <CardTitle>Embed it</CardTitle>
                <CardDescription>One script tag loads the launcher on every page it is on.</CardDescription>
              </CardHeader>
              <CardContent>
                <EmbedSnippets />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Verified identity</CardTitle>
                <CardDescription>
                  Lets the agent answer a signed-in customer about their own data.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <ErrorBoundary title="The identity settings could not be loaded">
                  <IdentitySection />
                </ErrorBoundary>
              </CardContent>
            </Card>
          </div>
        </>
      ) : (
        <AdminsOnly what="The widget settings, embed snippets and signing secret" />
      )}
    </>
  );
}
