"use client";

import { api } from "@answerbase/backend/api";
import { useMutation, useQuery } from "convex/react";
import { KeyRoundIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { ConfirmButton } from "@/components/confirm-button";
import { CodeBlock, CopyButton } from "@/components/copy-button";
import { ErrorPanel } from "@/components/error-panel";
import { PendingIcon } from "@/components/pending-icon";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

/** Runs on the organization's server: the secret never reaches a browser. */
const SIGNING_EXAMPLE = `// On your server (Node.js), for the signed-in customer only:
import { createHmac } from "node:crypto";

const secret = process.env.ANSWERBASE_WIDGET_SECRET; // keep it out of the browser
export function widgetSignature(email) {
  return createHmac("sha256", secret).update(email.toLowerCase()).digest("hex");
}

// Hand { email, name, signature: widgetSignature(email) } to your page, which calls
// Answerbase.identify({ email, name, signature });`;

/** Verified identity: whether a signing secret exists, and generating/rotating it (shown once). */
export function IdentitySection() {
  const { organizationId } = useOrganization();
  const status = useQuery(api.private.widgetIdentity.status, { organizationId });
  const rotate = useMutation(api.private.widgetIdentity.rotateSecret);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  const generate = async () => {
    setPending(true);
    setFailure(null);
    try {
      const result = await rotate({ organizationId });
      setSecret(result.secret);
      toast.success("New secret generated: copy it now, it is not shown again.");
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  if (status === undefined) return <Skeleton className="h-24 w-full" />;
  const verb = status.configured ? "Rotate secret" : "Generate secret";
  return (
    <div className="grid gap-4" data-testid="identity-section">
      <div className="flex flex-wrap items-center gap-3">
        {status.configured ? (
          <Badge data-testid="identity-status" data-configured="true">
            Secret set{status.rotatedAt !== null ? ` · ${timeAgo(status.rotatedAt)}` : ""}
          </Badge>
        ) : (
          <Badge variant="secondary" data-testid="identity-status" data-configured="false">
            No secret yet: customers are not verified
          </Badge>
        )}
        <ConfirmButton
          variant="outline"
          size="sm"
          disabled={pending}
          data-testid="identity-rotate"
          question={`${verb}?`}
          description={
            status.configured
              ? "Signatures made with the current secret stop working at once: update your server with the new one right after."
              : "The secret is shown once; store it on your server (e.g. an environment variable)."
          }
          confirmLabel={verb}
          destructive={status.configured}
          confirmTestId="identity-rotate-confirm"
          onConfirm={generate}
        >
          <PendingIcon pending={pending} icon={KeyRoundIcon} /> {verb}
        </ConfirmButton>
      </div>
      {failure && <ErrorPanel title="The secret was not changed" error={failure} testId="identity-error" />}
      {secret !== null && (
        <div
          className="grid gap-1.5 rounded-md border border-amber-500/40 bg-amber-500/5 p-3"
          data-testid="identity-secret-once"
        >
          <span className="text-sm font-medium">Your new secret</span>
          <div className="flex gap-2">
            <Input
              readOnly
              value={secret}
              className="font-mono text-xs"
              aria-label="Widget signing secret"
              data-testid="identity-secret"
              onFocus={(e) => e.target.select()}
            />
            <CopyButton text={secret} testId="identity-secret-copy" />
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => setSecret(null)}
              data-testid="identity-secret-hide"
            >
              Done
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">
            Shown once: it is not stored in this page and cannot be displayed again. Keep it on your server
            only; never put it in the embed snippet or any page.
          </p>
        </div>
      )}
      <p className="text-sm text-muted-foreground">
        Your server signs the signed-in customer&apos;s e-mail with the secret; the widget passes the
        signature, and the agent then shows that customer their own rows (orders, tickets).
      </p>
      <CodeBlock code={SIGNING_EXAMPLE} title="Server-side signing (Node.js)" testId="signing-example" />
    </div>
  );
}
