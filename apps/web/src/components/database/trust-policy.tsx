"use client";

import { CopyIcon } from "lucide-react";
import { Button } from "@answerbase/ui/button";
import { toast } from "@answerbase/ui/sonner";

/**
 * The trust policy of the IAM role an organization creates for Answerbase (the cross-account pattern
 * AWS documents for third parties): the platform's account may assume it only with this
 * organization's id as external id, so no other Answerbase customer can make us use it.
 */
export function trustPolicyJson(platformAccountId: string, organizationId: string): string {
  return JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${platformAccountId}:root` },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": organizationId } },
        },
      ],
    },
    null,
    2,
  );
}

/** What to create in AWS before saving: the role, its trust policy to copy, and what it must be allowed. */
export function TrustPolicyHelp({
  platformAccountId,
  organizationId,
  provider,
}: {
  platformAccountId: string | null;
  organizationId: string;
  provider: "aurora_data_api" | "redshift";
}) {
  const policy = platformAccountId === null ? null : trustPolicyJson(platformAccountId, organizationId);
  const actions =
    provider === "aurora_data_api"
      ? "rds-data:ExecuteStatement, rds-data:BeginTransaction and rds-data:RollbackTransaction on the cluster"
      : "redshift-data:ExecuteStatement, DescribeStatement, GetStatementResult and CancelStatement on the workgroup or cluster";
  return (
    <div className="grid gap-2 rounded-lg border bg-muted/40 p-3 text-sm" data-testid="trust-policy-help">
      <p className="font-medium">The role Answerbase assumes</p>
      <p className="text-muted-foreground">
        In IAM, create a role in the AWS account that holds the database. Answerbase assumes it for every call
        (STS AssumeRole with your organization id <code className="font-mono text-xs">{organizationId}</code>{" "}
        as external id), so it reaches only what this role may reach. Give it {actions}, and
        secretsmanager:GetSecretValue on the credentials secret; paste its ARN above.
      </p>
      {policy === null ? (
        <p className="text-muted-foreground" data-testid="trust-policy-missing">
          The trust policy names Answerbase&apos;s AWS account, which this deployment does not show
          (ANSWERBASE_AWS_ACCOUNT_ID is not set): ask your Answerbase operator for it.
        </p>
      ) : (
        <>
          <div className="flex items-center justify-between">
            <span className="text-muted-foreground">Trust policy (Trust relationships → Edit):</span>
            <Button
              type="button"
              variant="outline"
              size="sm"
              data-testid="copy-trust-policy"
              onClick={() =>
                void navigator.clipboard.writeText(policy).then(
                  () => toast.success("Trust policy copied"),
                  () => toast.error("Copy failed: select the policy and copy it"),
                )
              }
            >
              <CopyIcon /> Copy
            </Button>
          </div>
          <pre
            className="overflow-x-auto rounded bg-background p-2 font-mono text-xs"
            data-testid="trust-policy"
          >
            {policy}
          </pre>
        </>
      )}
    </div>
  );
}
