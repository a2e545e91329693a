"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { fillSavedReply } from "@answerbase/backend/shared/savedReplies";
import { useMutation, useQuery } from "convex/react";
import { Loader2Icon, SendIcon, StickyNoteIcon } from "lucide-react";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "@answerbase/ui/button";
import { cn } from "@answerbase/ui/lib/utils";
import { toast } from "@answerbase/ui/sonner";
import { Tabs, TabsList, TabsTrigger } from "@answerbase/ui/tabs";
import { Textarea } from "@answerbase/ui/textarea";
import { ErrorPanel } from "@/components/error-panel";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

const MAX_REPLY = 10_000;

type Mode = "reply" | "note";

/** The `/word` being typed at the caret, or null: what the saved-reply menu filters by. */
function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)\/([^\s/]*)$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() } : null;
}

/**
 * The box under a thread: a reply to the customer, or (the Note tab) a note only the team sees.
 * Typing `/` opens the organization's saved replies; arrows pick one, Enter inserts it with the
 * customer's name and e-mail filled in.
 */
export function Composer({
  conversationId,
  customer,
}: {
  conversationId: Id<"conversations">;
  customer: { name: string; email: string };
}) {
  const { organizationId } = useOrganization();
  const reply = useMutation(api.private.conversations.reply);
  const addNote = useMutation(api.private.conversationTeam.addNoteTo);
  const saved = useQuery(api.private.savedReplies.list, { organizationId });
  const [mode, setMode] = useState<Mode>("reply");
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const [highlight, setHighlight] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);

  const slash = dismissed ? null : slashQuery(text, caret);
  const matches =
    slash === null || saved === undefined
      ? []
      : saved.filter((s) => s.title.toLowerCase().includes(slash.query)).slice(0, 8);
  const menuOpen = slash !== null && matches.length > 0;

  const insert = (savedText: string) => {
    if (slash === null) return;
    const filled = fillSavedReply(savedText, customer);
    const next = text.slice(0, slash.start) + filled + text.slice(caret);
    setText(next);
    setCaret(slash.start + filled.length);
    setHighlight(0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === "") return setError(mode === "note" ? "Write a note first." : "Write a reply first.");
    if (trimmed.length > MAX_REPLY) return setError(`At most ${MAX_REPLY.toLocaleString("en")} characters.`);
    setError(undefined);
    setFailure(null);
    setPending(true);
    try {
      if (mode === "note") {
        await addNote({ organizationId, conversationId, text: trimmed });
        toast.success("Note added; only your team sees it");
      } else {
        await reply({ organizationId, conversationId, text: trimmed });
        toast.success("Reply sent");
      }
      setText("");
      setCaret(0);
    } catch (e) {
      const info = errorInfo(e);
      if (info.fields.text) setError(info.fields.text);
      else setFailure(info); // the text stays in the box
    } finally {
      setPending(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (menuOpen) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        setHighlight((h) => (h + step + matches.length) % matches.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        insert(matches[Math.min(highlight, matches.length - 1)]!.text);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setDismissed(true);
        return;
      }
    }
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit(e);
  };

  const note = mode === "note";
  return (
    <form className="grid gap-2" onSubmit={(e) => void submit(e)} noValidate data-testid="reply-form">
      <Tabs value={mode} onValueChange={(value) => setMode(value as Mode)}>
        <TabsList aria-label="Write a reply or a note">
          <TabsTrigger value="reply" data-testid="composer-reply">
            Reply
          </TabsTrigger>
          <TabsTrigger value="note" data-testid="composer-note">
            Note
          </TabsTrigger>
        </TabsList>
      </Tabs>
      <div className="relative">
        <Textarea
          id="operator-reply"
          aria-label={note ? "Note for your team" : "Reply to the customer"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "operator-reply-error" : "operator-reply-help"}
          aria-expanded={menuOpen}
          aria-controls={menuOpen ? "saved-reply-menu" : undefined}
          placeholder={note ? "Only your team sees notes…" : "Write to the customer… (/ for saved replies)"}
          rows={3}
          value={text}
          className={cn(note && "border-amber-400 bg-amber-50 dark:bg-amber-950/40")}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setDismissed(false);
            setHighlight(0);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          data-testid="reply-text"
        />
        {menuOpen && (
          <ul
            id="saved-reply-menu"
            role="listbox"
            aria-label="Saved replies"
            className="absolute bottom-full left-0 z-10 mb-1 grid w-full max-w-md gap-0.5 rounded-md border bg-popover p-1 text-sm shadow-md"
            data-testid="saved-reply-menu"
          >
            {matches.map((s, i) => (
              <li
                key={s._id}
                role="option"
                aria-selected={i === highlight}
                className={cn("cursor-pointer rounded px-2 py-1", i === highlight && "bg-accent")}
                onMouseDown={(e) => {
                  e.preventDefault(); // keep the caret in the box
                  insert(s.text);
                }}
                data-testid="saved-reply-option"
              >
                <span className="font-medium">{s.title}</span>
                <span className="block truncate text-xs text-muted-foreground">{s.text}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error ? (
        <p id="operator-reply-error" className="text-sm text-destructive" data-testid="reply-error">
          {error}
        </p>
      ) : (
        <p id="operator-reply-help" className="text-xs text-muted-foreground">
          {note
            ? "A note stays in the inbox: the customer and the agent never see it. Ctrl+Enter adds it."
            : "Replying takes the conversation over from the agent (it becomes escalated) and assigns it to you if nobody has it. Ctrl+Enter sends."}
        </p>
      )}
      {failure && (
        <ErrorPanel
          title={note ? "The note was not added" : "The reply was not sent"}
          error={failure}
          testId="reply-failure"
        />
      )}
      <Button type="submit" disabled={pending} className="w-fit" data-testid="reply-send">
        {pending ? <Loader2Icon className="animate-spin" /> : note ? <StickyNoteIcon /> : <SendIcon />}{" "}
        {note ? "Add note" : "Send reply"}
      </Button>
    </form>
  );
}
