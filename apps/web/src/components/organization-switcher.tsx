"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation } from "convex/react";
import { Building2Icon, CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import { useRef, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@answerbase/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@answerbase/ui/dropdown-menu";
import { toast } from "@answerbase/ui/sonner";
import { CreateOrganizationForm } from "@/components/create-organization-form";
import { errorInfo } from "@/lib/errors";
import type { Role } from "@/lib/organization";

interface MyOrganization {
  organizationId: Id<"organizations">;
  name: string;
  role: Role;
  isDemo: boolean;
}

export function OrganizationSwitcher({
  organizations,
  active,
}: {
  organizations: MyOrganization[];
  active: MyOrganization;
}) {
  const switchTo = useMutation(api.private.organizations.switchTo);
  const [creating, setCreating] = useState(false);
  // The dialog opens from a menu item that is gone by the time it closes: focus goes back to the switcher.
  const trigger = useRef<HTMLButtonElement>(null);
  const choose = async (organizationId: Id<"organizations">) => {
    try {
      await switchTo({ organizationId });
    } catch (error) {
      toast.error(`Could not switch organization: ${errorInfo(error).message}`);
    }
  };
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          ref={trigger}
          data-testid="organization-switcher"
          className="flex w-full items-center gap-2 rounded-md border bg-background px-2 py-1.5 text-left text-sm outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <span className="flex size-7 shrink-0 items-center justify-center rounded bg-muted">
            <Building2Icon className="size-4" />
          </span>
          <span className="grid min-w-0 flex-1">
            <span className="truncate font-medium" data-testid="active-organization">
              {active.name}
            </span>
            <span className="text-xs text-muted-foreground capitalize">{active.role}</span>
          </span>
          <ChevronsUpDownIcon className="size-4 shrink-0 opacity-60" />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>Organizations</DropdownMenuLabel>
          {organizations.map((organization) => (
            <DropdownMenuItem
              key={organization.organizationId}
              onSelect={() => void choose(organization.organizationId)}
            >
              <span className="flex-1 truncate">{organization.name}</span>
              <span className="text-xs text-muted-foreground capitalize">{organization.role}</span>
              {organization.organizationId === active.organizationId && <CheckIcon />}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)} data-testid="new-organization">
            <PlusIcon /> New organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            trigger.current?.focus();
          }}
        >
          <DialogHeader>
            <DialogTitle>New organization</DialogTitle>
            <DialogDescription>You become its owner, and the dashboard switches to it.</DialogDescription>
          </DialogHeader>
          <CreateOrganizationForm onCreated={() => setCreating(false)} />
        </DialogContent>
      </Dialog>
    </>
  );
}
