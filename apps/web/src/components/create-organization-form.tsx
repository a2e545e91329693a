"use client";

import { api } from "@answerbase/backend/api";
import { ORGANIZATION_NAME_LENGTH } from "@answerbase/backend/shared/organizations";
import { useMutation } from "convex/react";
import { useState } from "react";
import { z } from "zod";
import { toast } from "@answerbase/ui/sonner";
import { InputField } from "@/components/field";
import { Form, SubmitButton } from "@/components/form";
import { errorInfo } from "@/lib/errors";

const { min, max } = ORGANIZATION_NAME_LENGTH;
const lengthMessage = `Use ${min} to ${max} characters.`;
const NameSchema = z.string().trim().min(min, lengthMessage).max(max, lengthMessage);

/** Creates an organization (the user becomes its owner and it becomes the active one). */
export function CreateOrganizationForm({ onCreated }: { onCreated: () => void }) {
  const create = useMutation(api.private.organizations.create);
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = async () => {
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
    <Form className="grid gap-4" onSubmit={submit} data-testid="create-organization-form">
      <InputField
        id="organization-name"
        label="Organization name"
        error={error}
        help="Your company or team, as customers know it."
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          if (error && NameSchema.safeParse(e.target.value).success) setError(undefined);
        }}
        placeholder="Brightside Goods"
        autoFocus
      />
      <SubmitButton pending={pending} data-testid="create-organization-submit">
        Create organization
      </SubmitButton>
    </Form>
  );
}
