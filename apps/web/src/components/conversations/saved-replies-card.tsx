"use client";

import { api } from "@answerbase/backend/api";
import { SAVED_REPLY_LIMITS, SAVED_REPLY_VARIABLES } from "@answerbase/backend/shared/savedReplies";
import { useMutation, useQuery } from "convex/react";
import { Loader2Icon, PlusIcon, Trash2Icon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { toast } from "@answerbase/ui/sonner";
import { Textarea } from "@answerbase/ui/textarea";
import { errorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

/**
 * The organization's saved replies, under the inbox: everyone sees the titles (they insert them with `/`
 * in the reply box); admins add and delete them.
 */
export function SavedRepliesCard() {
  const { organizationId, isAdmin } = useOrganization();
  const saved = useQuery(api.private.savedReplies.list, { organizationId });
  const save = useMutation(api.private.savedReplies.save);
  const remove = useMutation(api.private.savedReplies.remove);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setErrors({});
    try {
      await save({ organizationId, title, text });
      setTitle("");
      setText("");
      toast.success("Saved reply added; type / in a reply to use it");
    } catch (e) {
      const info = errorInfo(e);
      setErrors(Object.keys(info.fields).length > 0 ? info.fields : { form: info.message });
    } finally {
      setPending(false);
    }
  };

  return (
    <Card data-testid="saved-replies">
      <CardHeader>
        <CardTitle>Saved replies</CardTitle>
        <CardDescription>
          Type <kbd>/</kbd> in a reply to insert one. {SAVED_REPLY_VARIABLES.join(" and ")} become the
          customer&apos;s name and e-mail.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {saved !== undefined && saved.length === 0 && (
          <p className="text-sm text-muted-foreground">No saved replies yet.</p>
        )}
        <ul className="grid gap-1.5">
          {saved?.map((s) => (
            <li key={s._id} className="flex items-start gap-2 text-sm" data-testid="saved-reply">
              <span className="grid min-w-0 flex-1">
                <span className="font-medium">{s.title}</span>
                <span className="truncate text-xs text-muted-foreground">{s.text}</span>
              </span>
              {isAdmin && (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Delete the saved reply ${s.title}`}
                  onClick={() =>
                    void remove({ organizationId, savedReplyId: s._id }).catch((e: unknown) =>
                      toast.error(`Could not delete: ${errorInfo(e).message}`),
                    )
                  }
                >
                  <Trash2Icon />
                </Button>
              )}
            </li>
          ))}
        </ul>
        {isAdmin && (
          <form className="grid gap-2" onSubmit={(e) => void submit(e)} noValidate>
            <Input
              aria-label="Saved reply title"
              placeholder="Title, e.g. Refund timing"
              maxLength={SAVED_REPLY_LIMITS.title}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              aria-invalid={errors.title ? true : undefined}
              data-testid="saved-reply-title"
            />
            {errors.title && <p className="text-sm text-destructive">Title {errors.title}.</p>}
            <Textarea
              aria-label="Saved reply text"
              placeholder="Hi {{customer.name}}, …"
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={errors.text ? true : undefined}
              data-testid="saved-reply-text"
            />
            {errors.text && <p className="text-sm text-destructive">Text {errors.text}.</p>}
            {errors.form && <p className="text-sm text-destructive">{errors.form}</p>}
            <Button
              type="submit"
              size="sm"
              className="w-fit"
              disabled={pending}
              data-testid="saved-reply-add"
            >
              {pending ? <Loader2Icon className="animate-spin" /> : <PlusIcon />} Add saved reply
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
