"use client";

import { api } from "@answerbase/backend/api";
import { MAX_QUESTION_CHARS } from "@answerbase/backend/shared/sqlConsole";
import type { FunctionReturnType } from "convex/server";
import { useAction, useQuery } from "convex/react";
import { Loader2Icon, SparklesIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { ErrorPanel } from "@/components/error-panel";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

/**
 * "Ask in English": a question becomes SQL written by the deployment's provider model, put into the
 * editor for review. Nothing runs here; the console's "Run and answer" runs it and answers the
 * question. With the offline model it says plainly why it is unavailable.
 */
export function AskInEnglish({ onDraft }: { onDraft: (question: string, sql: string) => void }) {
  const { organizationId } = useOrganization();
  const model = useQuery(api.private.sqlConsole.askModel, { organizationId });
  const draftAction = useAction(api.private.sqlConsoleActions.draftFromQuestion);
  const [question, setQuestion] = useState("");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  if (model === undefined) return null;
  if (model.kind === "offline") {
    return (
      <p
        className="rounded-md border bg-muted/40 p-3 text-sm text-muted-foreground"
        data-testid="sql-ask-offline"
      >
        <span className="font-medium text-foreground">Not available on this deployment.</span> {model.reason}
      </p>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const asked = question.trim();
    if (asked === "" || pending) return;
    setPending(true);
    setFailure(null);
    try {
      const draft = await draftAction({ organizationId, question: asked });
      onDraft(asked, draft.sql);
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="grid gap-2" onSubmit={(event) => void submit(event)} data-testid="sql-ask">
      <div className="flex gap-2">
        <Input
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          maxLength={MAX_QUESTION_CHARS}
          placeholder="Ask in English, e.g. how many orders shipped last week?"
          aria-label="Ask in English"
          data-testid="sql-ask-question"
        />
        <Button
          type="submit"
          variant="outline"
          disabled={pending || question.trim() === ""}
          data-testid="sql-ask-draft"
        >
          {pending ? <Loader2Icon className="animate-spin" /> : <SparklesIcon />} Write SQL
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        {model.modelId} writes the SQL into the editor for you to review; nothing runs until you run it.
        Hidden columns are not described to the model, nor their values sent to it.
      </p>
      {failure && <ErrorPanel title="No SQL was written" error={failure} testId="sql-ask-error" />}
    </form>
  );
}

/** The sentence and what the model was not shown, without the page (the console's grid shows it). */
export type AskAnswered = Omit<
  FunctionReturnType<typeof api.private.sqlConsoleActions.runAndAnswerQuestion>,
  "page"
>;

/** The question answered in one sentence from the rows "Run and answer" returned. */
export function AskAnswer({ question, answered }: { question: string; answered: AskAnswered }) {
  return (
    <Card data-testid="sql-ask-answer">
      <CardContent className="grid gap-1 text-sm">
        <p className="text-xs text-muted-foreground">{question}</p>
        <p data-testid="sql-ask-answer-text">{answered.answer}</p>
        {answered.withheldColumns.length > 0 && (
          <p className="text-xs text-muted-foreground">
            Not sent to the model (hidden columns): {answered.withheldColumns.join(", ")}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
