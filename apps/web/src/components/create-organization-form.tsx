"use client";

import { api } from "@answerbase/backend/api";
import { useMutation } from "convex/react";
import { Loader2Icon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { toast } from "@answerbase/ui/sonner";
import { describedBy, Field } from "@/components/field";
import { errorInfo } from "@/lib/errors";

const NameSchema = z.string().trim().min(2, "Use 2 to 80 characters.").max(80, "Use 2 to 80 characters.");

/** Creates an organization (the user becomes its owner and it becomes the active one). */
export function CreateOrganizationForm({ onCreated }: { onCreated: () => void }) {
  const create = useMutation(api.private.organizations.create);
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = NameSchema.safeParse(name);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setPending(true);
    try {
      await create({ name: parsed.data });
      toast.success(`Created ${parsed.data}`);
      onCreated();
    } catch (caught) {
      const info = errorInfo(caught);
      setError(info.fields.name ? `Organization name ${info.fields.name}.` : info.message);
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="create-organization-form"
    >
      <Field
        id="organization-name"
        label="Organization name"
        error={error}
        help="Your company or team, as customers know it."
      >
        <Input
          {...describedBy("organization-name", error)}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (error && NameSchema.safeParse(e.target.value).success) setError(undefined);
          }}
          placeholder="Brightside Goods"
          autoFocus
        />
      </Field>
      <Button type="submit" disabled={pending} data-testid="create-organization-submit">
        {pending && <Loader2Icon className="animate-spin" />}
        Create organization
      </Button>
    </form>
  );
}
