"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { DOCUMENT_EXTENSIONS, MAX_DOCUMENT_BYTES as MAX_BYTES } from "@answerbase/backend/shared/documents";
import { useMutation } from "convex/react";
import { FileUpIcon, Loader2Icon, XCircleIcon } from "lucide-react";
import { useRef, useState, type DragEvent } from "react";
import { Button } from "@answerbase/ui/button";
import { cn } from "@answerbase/ui/lib/utils";
import { Progress } from "@answerbase/ui/progress";
import { toast } from "@answerbase/ui/sonner";
import { errorInfo } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

const ACCEPT = DOCUMENT_EXTENSIONS.map((extension) => `.${extension}`).join(",");

interface Upload {
  id: string;
  name: string;
  bytes: number;
  percent: number;
  /** Done uploads leave this list: from then on the document's row shows its status, live. */
  phase: "uploading" | "recording" | "failed";
  error?: string;
}

/** POSTs the file to a Convex upload URL with progress events (fetch has none for uploads). */
function post(url: string, file: File, onProgress: (percent: number) => void): Promise<Id<"_storage">> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve((JSON.parse(request.responseText) as { storageId: Id<"_storage"> }).storageId);
        } catch (error) {
          reject(new Error("The upload answered without a storage id", { cause: error }));
        }
      } else reject(new Error(`The upload failed (HTTP ${request.status})`));
    };
    request.onerror = () => reject(new Error("The upload failed: network error"));
    request.send(file);
  });
}

/**
 * Drag and drop (or choose) several files; each shows its upload progress here, then joins the document
 * list, which shows it being indexed.
 */
export function UploadZone() {
  const { organizationId } = useOrganization();
  const generateUploadUrl = useMutation(api.private.documents.generateUploadUrl);
  const addUploaded = useMutation(api.private.documents.addUploaded);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const update = (id: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...patch } : u)));

  const uploadOne = async (file: File, id: string) => {
    try {
      if (file.size > MAX_BYTES)
        throw new Error(`Larger than ${formatBytes(MAX_BYTES)}; split it into smaller files.`);
      if (file.size === 0) throw new Error("The file is empty.");
      const url = await generateUploadUrl({ organizationId });
      const storageId = await post(url, file, (percent) => update(id, { percent }));
      update(id, { phase: "recording", percent: 100 });
      await addUploaded({ organizationId, storageId, fileName: file.name });
      // The document list below is the one place a document's status shows (indexing, indexed,
      // failed), from the backend as it changes; a second copy here went stale.
      setUploads((list) => list.filter((u) => u.id !== id));
    } catch (error) {
      update(id, { phase: "failed", error: errorInfo(error).message });
      toast.error(`${file.name}: ${errorInfo(error).message}`);
    }
  };
  const start = (files: FileList | null) => {
    if (files === null || files.length === 0) return;
    const added = [...files].map((file) => ({
      file,
      id: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
    }));
    setUploads((list) => [
      ...added.map(({ file, id }): Upload => ({
        id,
        name: file.name,
        bytes: file.size,
        percent: 0,
        phase: "uploading",
      })),
      ...list,
    ]);
    void Promise.all(added.map(({ file, id }) => uploadOne(file, id))).then(() => {
      if (input.current) input.current.value = "";
    });
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    start(event.dataTransfer.files);
  };

  return (
    <div className="grid gap-3">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="upload-zone"
        className={cn(
          "flex flex-col items-center gap-2 rounded-xl border-2 border-dashed px-6 py-8 text-center transition-colors",
          dragging ? "border-primary bg-primary/5" : "border-border",
        )}
      >
        <FileUpIcon className="size-6 text-muted-foreground" />
        <p className="text-sm font-medium">Drop files here</p>
        <p className="text-xs text-muted-foreground">
          PDF, Markdown, text, HTML or CSV, up to {formatBytes(MAX_BYTES)} each
        </p>
        <Button variant="outline" size="sm" onClick={() => input.current?.click()}>
          Choose files
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          className="sr-only"
          data-testid="upload-input"
          aria-label="Choose files to upload"
          onChange={(e) => start(e.target.files)}
        />
      </div>
      {uploads.length > 0 && (
        <ul className="grid gap-2" aria-label="Uploads" data-testid="uploads">
          {uploads.map((u) => (
            <li
              key={u.id}
              className="grid gap-1 rounded-md border px-3 py-2 text-sm"
              data-testid="upload-item"
            >
              <div className="flex items-center gap-2">
                {u.phase === "failed" ? (
                  <XCircleIcon className="size-4 text-destructive" />
                ) : (
                  <Loader2Icon className="size-4 animate-spin text-muted-foreground" />
                )}
                <span className="min-w-0 flex-1 truncate">{u.name}</span>
                <span className="text-xs text-muted-foreground">
                  {u.phase === "uploading"
                    ? `${u.percent}% of ${formatBytes(u.bytes)}`
                    : u.phase === "recording"
                      ? "Saving…"
                      : "Failed"}
                </span>
              </div>
              {u.phase === "uploading" && <Progress value={u.percent} aria-label={`Uploading ${u.name}`} />}
              {u.error && <p className="text-xs text-destructive">{u.error}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
