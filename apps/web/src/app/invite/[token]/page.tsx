"use client";

import { api } from "@answerbase/backend/api";
import { useAuthActions } from "@convex-dev/auth/react";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { CenteredPage } from "@/components/centered-page";
import { ErrorBoundary } from "@/components/error-boundary";
import { errorInfo } from "@/lib/errors";

/** Who is about to join, so nobody joins with the wrong account by accident. */
function SignedInAs({ token }: { token: string }) {
  const viewer = useQuery(api.private.organizations.viewer);
  const { signOut } = useAuthActions();
  const router = useRouter();
  if (!viewer) return null;
  const switchAccount = () =>
    void signOut().then(() => router.replace(`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`));
  return (
    <p className="text-sm text-muted-foreground" data-testid="invite-signed-in-as">
      Signed in as <span className="font-medium text-foreground">{viewer.email ?? viewer.name}</span>.{" "}
      <button
        type="button"
        className="underline underline-offset-4 hover:text-foreground"
        onClick={switchAccount}
      >
        Use another account
      </button>
    </p>
  );
}

type Preview = FunctionReturnType<typeof api.private.invitations.preview>;

function Invitation({ token }: { token: string }) {
  // While joining, the card keeps what it showed: accepting uses the link up, and a live preview would
  // swap the card for "already been used" before the dashboard opens.
  const [joining, setJoining] = useState<Preview | null>(null);
  const live = useQuery(api.private.invitations.preview, joining === null ? { token } : "skip");
  const preview = joining ?? live;
  const accept = useMutation(api.private.invitations.accept);
  const router = useRouter();
  if (preview === undefined) return <Skeleton className="h-24 w-full" data-testid="invitation-loading" />;
  const join = () => {
    setJoining(preview);
    accept({ token }).then(
      () => {
        toast.success(`You joined ${preview.organizationName} as ${preview.role}`);
        router.replace("/database");
      },
      (error: unknown) => {
        toast.error(errorInfo(error).message);
        setJoining(null);
      },
    );
  };
  const pending = joining !== null;
  return (
    <Card data-testid="invitation">
      <CardHeader>
        <CardTitle>Join {preview.organizationName}</CardTitle>
        <CardDescription>
          You were invited as <span className="font-medium">{preview.role}</span>. The link works until{" "}
          {new Date(preview.expiresAt).toLocaleDateString()}.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Button disabled={pending} className="w-fit" data-testid="accept-invitation" onClick={join}>
          {pending && <Loader2Icon className="animate-spin" />} Join organization
        </Button>
        <SignedInAs token={token} />
      </CardContent>
    </Card>
  );
}

export default function InvitePage() {
  const { token } = useParams<{ token: string }>();
  return (
    <CenteredPage>
      <div className="grid w-full max-w-md gap-3">
        <ErrorBoundary title="This invitation cannot be used">
          <Invitation token={token} />
        </ErrorBoundary>
        {/* A used, revoked or expired link is a dead end otherwise. */}
        <Link
          href="/"
          className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          Go to the dashboard
        </Link>
      </div>
    </CenteredPage>
  );
}
