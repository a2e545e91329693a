"use client";

import { api } from "@answerbase/backend/api";
import { EMAIL_PATTERN } from "@answerbase/backend/shared/contacts";
import { MAX_MESSAGE_CHARS } from "@answerbase/backend/shared/messages";
import { useAction } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { SendIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { SourceBadge, SourceList, Timings } from "@/components/conversations/answer-details";
import { Markdown } from "@/components/conversations/markdown";
import { ChoiceButtons } from "@/components/choice-buttons";
import { ErrorPanel } from "@/components/error-panel";
import { InputField, TextareaField } from "@/components/field";
import { Form, SubmitButton } from "@/components/form";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

type Answer = FunctionReturnType<typeof api.private.playground.ask>;
type AskAs = "admin" | "contact" | "visitor";

/** Each choice's button, hint, and how the reply names who asked (a customer by their e-mail). */
const ASK_AS: Record<AskAs, { label: string; hint: string; answerAs?: string }> = {
  admin: {
    label: "Admin (every table)",
    hint: "An admin sees every table the policies share, like a support agent would.",
    answerAs: "Admin",
  },
  contact: {
    label: "A customer",
    hint: "The agent answers as if this customer were signed in and verified: customer tables show only their rows.",
  },
  visitor: {
    label: "Anonymous visitor",
    hint: "The agent answers a visitor who is not signed in: public tables and documents only.",
    answerAs: "Anonymous visitor",
  },
};

/**
 * Ask the agent as an admin, as one customer or as an anonymous visitor, and see the reply with its
 * sources and timings. The first two show customers' data, so the backend allows them to admins only;
 * a member sees the visitor choice alone.
 */
export function Playground() {
  const { organizationId, isAdmin, role } = useOrganization();
  const ask = useAction(api.private.playground.ask);
  const choices: AskAs[] = isAdmin ? ["admin", "contact", "visitor"] : ["visitor"];
  const [question, setQuestion] = useState("");
  const [chosen, setChosen] = useState<AskAs>(isAdmin ? "admin" : "visitor");
  // The role can change while the page is open (an owner demotes this user): never offer what it lost.
  const asWho = choices.includes(chosen) ? chosen : "visitor";
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<{ question?: string; email?: string }>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<{ asked: string; as: string; result: Answer } | null>(null);

  const submit = async () => {
    const q = question.trim();
    const e = email.trim().toLowerCase();
    const next: typeof errors = {};
    if (q === "") next.question = "Type a question a customer would ask.";
    else if (q.length > MAX_MESSAGE_CHARS)
      next.question = `At most ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters.`;
    if (asWho === "contact" && !EMAIL_PATTERN.test(e)) next.email = "Type the customer's e-mail address.";
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setPending(true);
    setFailure(null);
    try {
      const result = await ask({
        organizationId,
        question: q,
        ...(asWho === "contact" ? { asContactEmail: e } : {}),
        ...(asWho === "visitor" ? { asVisitor: true } : {}),
      });
      setAnswer({ asked: q, as: ASK_AS[asWho].answerAs ?? e, result });
    } catch (error) {
      const info = errorInfo(error);
      if (info.fields.question || info.fields.asContactEmail) {
        setErrors({ question: info.fields.question, email: info.fields.asContactEmail });
      } else setFailure(info);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="grid items-start gap-6 xl:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Ask</CardTitle>
          <CardDescription>
            Runs the same turn as the widget on a fresh thread; nothing reaches a customer.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Form className="grid gap-4" onSubmit={submit} data-testid="playground-form">
            <ChoiceButtons
              label="Ask as"
              options={choices.map((who) => ({ value: who, label: ASK_AS[who].label }))}
              value={asWho}
              onChange={setChosen}
              hint={`${ASK_AS[asWho].hint}${isAdmin ? "" : ` Your role is ${role}: asking as an admin or as a given customer shows customers' data, so only an admin or owner can.`}`}
              hintTestId="playground-role-hint"
              testId="ask-as"
            />
            {asWho === "contact" && (
              <InputField
                id="playground-email"
                label="Customer e-mail"
                error={errors.email}
                help="e.g. alice@example.com"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                placeholder="customer@example.com"
              />
            )}
            <TextareaField
              id="playground-question"
              label="Question"
              error={errors.question}
              rows={3}
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
              placeholder="e.g. Where is my order #1001?"
            />
            {failure && (
              <ErrorPanel title="The agent could not answer" error={failure} testId="playground-failure" />
            )}
            <SubmitButton pending={pending} icon={SendIcon} className="w-fit" data-testid="playground-ask">
              Ask
            </SubmitButton>
          </Form>
        </CardContent>
      </Card>
      <Card aria-busy={pending}>
        <CardHeader>
          <CardTitle>Reply</CardTitle>
          <CardDescription>
            {answer
              ? `"${answer.asked}" asked as ${answer.as}`
              : "The agent's reply, where it came from and how long each source took."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {answer === null ? (
            <p className="text-sm text-muted-foreground" data-testid="playground-no-answer">
              {pending ? "Asking…" : "Ask a question to see the reply here."}
            </p>
          ) : (
            <div
              className={pending ? "grid gap-4 opacity-60" : "grid gap-4"}
              data-testid="playground-answer"
              data-as={answer.as}
            >
              <div className="flex flex-wrap items-center gap-2">
                <SourceBadge source={answer.result.failed ? "failed" : answer.result.source} />
                {answer.result.status !== "unresolved" && (
                  <Badge variant="warning" data-testid="playground-status">
                    Would be {answer.result.status}
                  </Badge>
                )}
                <span className="ml-auto font-mono text-xs text-muted-foreground">
                  {answer.result.modelId}
                </span>
              </div>
              <div className="rounded-lg border bg-card p-3">
                <Markdown text={answer.result.text} testId="playground-reply" />
              </div>
              <div className="grid gap-1.5">
                <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Sources</p>
                <SourceList sources={answer.result.sources} />
                {answer.result.lookup?.note && (
                  <p className="text-xs text-muted-foreground">{answer.result.lookup.note}</p>
                )}
              </div>
              <Timings
                database={answer.result.timings.database}
                knowledgeBase={answer.result.timings.knowledgeBase}
                totalMs={answer.result.timings.totalMs}
              />
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
