"use client";

import { useRouter } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { CenteredPage } from "@/components/centered-page";
import { CreateOrganizationForm } from "@/components/create-organization-form";

export default function OnboardingPage() {
  const router = useRouter();
  return (
    <CenteredPage>
      <Card className="w-full max-w-md">
        <CardHeader>
          <CardTitle className="text-xl">Create your organization</CardTitle>
          <CardDescription>
            An organization holds your database connection, knowledge base and team. You can invite colleagues
            once it exists.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateOrganizationForm onCreated={() => router.replace("/database")} />
        </CardContent>
      </Card>
    </CenteredPage>
  );
}
