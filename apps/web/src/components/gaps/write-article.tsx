"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { Textarea } from "@answerbase/ui/textarea";
import { toast } from "@answerbase/ui/sonner";
import { useMutation } from "convex/react";
import { Loader2Icon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { errorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import type { Gap } from "./gap-list";

function draftOf(gap: Gap): string {
  const asked = gap.examples.map((example) => `- ${example}`).join("\n");
  return `Customers asked:\n${asked}\n\n`;
}

function fileNameOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${slug || "article"}.md`;
}

/**
 * A help article pre-filled with the group's questions, published as a Markdown document of the
 * knowledge base (the same upload the Knowledge page uses); the group then waits for the check that runs
 * when the document is indexed.
 */
export function WriteArticle({ gap, onDone }: { gap: Gap; onDone: () => void }) {
  const { organizationId } = useOrganization();
  const generateUploadUrl = useMutation(api.private.documents.generateUploadUrl);
  const addUploaded = useMutation(api.private.documents.addUploaded);
  const linkArticle = useMutation(api.private.contentGaps.linkArticle);
  const [title, setTitle] = useState(gap.question);
  const [body, setBody] = useState(() => draftOf(gap));
  const [busy, setBusy] = useState(false);

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const markdown = `# ${title.trim()}\n\n${body.trim()}\n`;
      const url = await generateUploadUrl({ organizationId });
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "text/markdown" },
        body: markdown,
      });
      if (!response.ok) throw new Error(`The upload failed (HTTP ${response.status})`);
      const { storageId } = (await response.json()) as { storageId: Id<"_storage"> };
      const documentId = await addUploaded({ organizationId, storageId, fileName: fileNameOf(title) });
      await linkArticle({ organizationId, gapId: gap._id, documentId });
      toast.success("Article added to the knowledge base; the group resolves once search finds it.");
      onDone();
    } catch (error) {
      toast.error(`Could not publish the article: ${errorInfo(error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="grid gap-2" data-testid="gap-article-form" onSubmit={(event) => void publish(event)}>
      <Input
        aria-label="Article title"
        value={title}
        required
        maxLength={200}
        data-testid="gap-article-title"
        onChange={(event) => setTitle(event.target.value)}
      />
      <Textarea
        aria-label="Article text (Markdown)"
        rows={8}
        value={body}
        data-testid="gap-article-body"
        onChange={(event) => setBody(event.target.value)}
      />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={busy} data-testid="gap-article-publish">
          {busy && <Loader2Icon className="animate-spin" />} Publish to the knowledge base
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
