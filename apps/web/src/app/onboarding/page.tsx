"use client";

import { useRouter } from "next/navigation";
import { ThemeToggle } from "@answerbase/ui/theme";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { AuthGate } from "@/components/auth-gate";
import { Brand } from "@/components/brand";
import { CreateOrganizationForm } from "@/components/create-organization-form";

export default function OnboardingPage() {
  const router = useRouter();
  return (
    <AuthGate>
      <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-muted/40 px-4 py-10">
        <div className="absolute top-4 right-4">
          <ThemeToggle />
        </div>
        <Brand />
        <Card className="w-full max-w-md">
          <CardHeader>
            <CardTitle className="text-xl">Create your organization</CardTitle>
            <CardDescription>
              An organization holds your database connection, knowledge base and team. You can invite
              colleagues once it exists.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CreateOrganizationForm onCreated={() => router.replace("/database")} />
          </CardContent>
        </Card>
      </main>
    </AuthGate>
  );
}
