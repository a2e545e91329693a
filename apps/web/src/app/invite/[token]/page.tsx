"use client";

import { api } from "@answerbase/backend/api";
import { useMutation, useQuery } from "convex/react";
import { Loader2Icon } from "lucide-react";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { AuthGate } from "@/components/auth-gate";
import { Brand } from "@/components/brand";
import { ErrorBoundary } from "@/components/error-boundary";
import { errorInfo } from "@/lib/errors";

function Invitation({ token }: { token: string }) {
  const preview = useQuery(api.private.invitations.preview, { token });
  const accept = useMutation(api.private.invitations.accept);
  const router = useRouter();
  const [pending, setPending] = useState(false);
  if (preview === undefined) return <Skeleton className="h-24 w-full" />;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Join {preview.organizationName}</CardTitle>
        <CardDescription>
          You were invited as <span className="font-medium">{preview.role}</span>. The link works until{" "}
          {new Date(preview.expiresAt).toLocaleDateString()}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Button
          disabled={pending}
          data-testid="accept-invitation"
          onClick={() => {
            setPending(true);
            accept({ token }).then(
              () => router.replace("/database"),
              (error: unknown) => {
                toast.error(errorInfo(error).message);
                setPending(false);
              },
            );
          }}
        >
          {pending && <Loader2Icon className="animate-spin" />} Join organization
        </Button>
      </CardContent>
    </Card>
  );
}

export default function InvitePage() {
  const { token } = useParams<{ token: string }>();
  return (
    <AuthGate>
      <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-muted/40 px-4">
        <Brand />
        <div className="w-full max-w-md">
          <ErrorBoundary title="This invitation cannot be used">
            <Invitation token={token} />
          </ErrorBoundary>
        </div>
      </main>
    </AuthGate>
  );
}
