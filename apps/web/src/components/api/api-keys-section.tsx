"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { API_SCOPE_DESCRIPTIONS, API_SCOPES, type ApiScope } from "@answerbase/backend/shared/apiKeys";
import { useMutation, useQuery } from "convex/react";
import { KeyRoundIcon, PlusIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@answerbase/ui/select";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { ConfirmButton } from "@/components/confirm-button";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { ErrorPanel } from "@/components/error-panel";
import { Field } from "@/components/field";
import { PendingIcon } from "@/components/pending-icon";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

const EXPIRIES = { never: "Never", "30": "In 30 days", "90": "In 90 days", "365": "In a year" } as const;
type Expiry = keyof typeof EXPIRIES;

/** Create a key (its secret shown once), list the organization's keys, revoke one. Admins only. */
export function ApiKeysSection() {
  const { organizationId } = useOrganization();
  const keys = useQuery(api.private.apiKeys.list, { organizationId });
  const create = useMutation(api.private.apiKeys.create);
  const revoke = useMutation(api.private.apiKeys.revoke);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["lookups"]);
  const [expiry, setExpiry] = useState<Expiry>("never");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [created, setCreated] = useState<{ secret: string; name: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    try {
      const result = await create({
        organizationId,
        name,
        scopes,
        ...(expiry === "never" ? {} : { expiresInDays: Number(expiry) }),
      });
      setCreated({ secret: result.secret, name: name.trim() });
      setName("");
      toast.success("Key created: copy it now, it is not shown again.");
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  const toggle = (scope: ApiScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  const revokeKey = async (apiKeyId: Id<"apiKeys">) => {
    try {
      await revoke({ organizationId, apiKeyId });
      toast.success("Key revoked: its next request gets 401.");
    } catch (error) {
      toast.error(errorInfo(error).message);
    }
  };

  return (
    <div className="grid gap-6">
      <form className="grid gap-4" onSubmit={(e) => void submit(e)} data-testid="api-key-form">
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            id="api-key-name"
            label="Name"
            help="Who or what uses it: “n8n WhatsApp bridge”, “voice agent”."
          >
            <Input
              id="api-key-name"
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.target.value)}
              data-testid="api-key-name"
            />
          </Field>
          <Field id="api-key-expiry" label="Expires">
            <Select value={expiry} onValueChange={(value) => setExpiry(value as Expiry)}>
              <SelectTrigger id="api-key-expiry" data-testid="api-key-expiry">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {Object.entries(EXPIRIES).map(([value, label]) => (
                  <SelectItem key={value} value={value}>
                    {label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Scopes</legend>
          {API_SCOPES.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={scopes.includes(scope)}
                onChange={(e) => toggle(scope, e.target.checked)}
                data-testid={`api-key-scope-${scope}`}
              />
              <span>
                <span className="font-mono text-xs">{scope}</span>
                <span className="block text-muted-foreground">{API_SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div>
          <Button type="submit" disabled={pending} data-testid="api-key-create">
            <PendingIcon pending={pending} icon={PlusIcon} /> Create key
          </Button>
        </div>
        {failure && <ErrorPanel title="The key was not created" error={failure} testId="api-key-error" />}
      </form>

      {created !== null && (
        <div
          className="grid gap-1.5 rounded-md border border-amber-500/40 bg-amber-500/5 p-3"
          data-testid="api-key-secret-once"
        >
          <span className="text-sm font-medium">The secret of “{created.name}”</span>
          <div className="flex gap-2">
            <Input
              readOnly
              value={created.secret}
              className="font-mono text-xs"
              aria-label="API key secret"
              data-testid="api-key-secret"
              onFocus={(e) => e.target.select()}
            />
            <CopyButton text={created.secret} testId="api-key-secret-copy" />
            <Button type="button" variant="ghost" size="sm" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">
            Shown once: only its hash is stored. Keep it on a server; never put it in a web page.
          </p>
        </div>
      )}

      {keys === undefined ? (
        <Skeleton className="h-24 w-full" />
      ) : keys.length === 0 ? (
        <EmptyState icon={KeyRoundIcon} title="No API keys yet" testId="api-keys-empty">
          Create one above to call the API from n8n, a voice agent or your own server.
        </EmptyState>
      ) : (
        <Table data-testid="api-keys">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Scopes</TableHead>
              <TableHead>Created by</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>Status</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => (
              <TableRow
                key={key._id}
                data-testid="api-key-row"
                data-prefix={key.prefix}
                data-state={key.state}
              >
                <TableCell>{key.name}</TableCell>
                <TableCell className="font-mono text-xs">ab_live_{key.prefix}_…</TableCell>
                <TableCell className="font-mono text-xs">{key.scopes.join(", ")}</TableCell>
                <TableCell>{key.createdBy.name}</TableCell>
                <TableCell>{key.lastUsedAt === null ? "Never" : timeAgo(key.lastUsedAt)}</TableCell>
                <TableCell>
                  {key.expiresAt === null ? "Never" : new Date(key.expiresAt).toLocaleDateString()}
                </TableCell>
                <TableCell>
                  <Badge
                    variant={key.state === "active" ? "default" : "secondary"}
                    data-testid="api-key-state"
                  >
                    {key.state === "active" ? "Active" : key.state === "revoked" ? "Revoked" : "Expired"}
                  </Badge>
                </TableCell>
                <TableCell className="text-right">
                  {key.state === "active" && (
                    <ConfirmButton
                      variant="outline"
                      size="sm"
                      question={`Revoke “${key.name}”?`}
                      description="Every request with this key is refused (401) from now on. This cannot be undone; create a new key instead."
                      confirmLabel="Revoke"
                      confirmTestId="api-key-revoke-confirm"
                      data-testid="api-key-revoke"
                      onConfirm={() => revokeKey(key._id)}
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
