import { FlaskConicalIcon, PencilIcon } from "lucide-react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { timeAgo } from "@/lib/format";
import { DeleteLookup } from "./delete-lookup";
import { tablesOf, type StoredLookup } from "./lookup-definition";
import { TryIt } from "./try-it";

/** One lookup: what it answers, its parameters, the tables it reads; admins try, edit or delete it. */
export function LookupItem({
  lookup,
  isAdmin,
  trying,
  onToggleTry,
  onEdit,
}: {
  lookup: StoredLookup;
  isAdmin: boolean;
  trying: boolean;
  onToggleTry: () => void;
  onEdit: () => void;
}) {
  const tables = tablesOf(lookup.sql);
  return (
    <li className="grid gap-3 py-4 first:pt-0 last:pb-0" data-testid="named-lookup" data-name={lookup.name}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid min-w-0 flex-1 gap-1.5">
          <p className="font-mono text-sm font-medium" data-testid="named-lookup-title">
            {lookup.name}
          </p>
          <p className="text-sm text-muted-foreground" data-testid="named-lookup-description-text">
            {lookup.description}
          </p>
          <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
            {lookup.parameters.length === 0 ? (
              <span>No parameters</span>
            ) : (
              lookup.parameters.map((p, i) => (
                <Badge key={p.name} variant="outline" className="font-mono" title={p.description}>
                  ${i + 1} {p.name}: {p.type}
                </Badge>
              ))
            )}
            {tables.length > 0 && (
              <span>
                · reads <span className="font-mono">{tables.join(", ")}</span>
              </span>
            )}
            <span>· edited {timeAgo(lookup.updatedAt)}</span>
          </div>
        </div>
        {isAdmin && (
          <div className="flex flex-wrap gap-1">
            <Button
              variant={trying ? "secondary" : "outline"}
              size="sm"
              aria-expanded={trying}
              onClick={onToggleTry}
              data-testid={`named-lookup-try-${lookup.name}`}
            >
              <FlaskConicalIcon /> Try it
            </Button>
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Edit ${lookup.name}`}
              onClick={onEdit}
              data-testid={`named-lookup-edit-${lookup.name}`}
            >
              <PencilIcon /> Edit
            </Button>
            <DeleteLookup lookup={lookup} />
          </div>
        )}
      </div>
      <pre className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap">
        {lookup.sql}
      </pre>
      {isAdmin && trying && <TryIt lookup={lookup} />}
    </li>
  );
}
