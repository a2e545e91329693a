import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { MAX_RATING_COMMENT_CHARS, RATING_SCORES } from "@answerbase/backend/shared/satisfaction";
import { useMutation, useQuery } from "convex/react";
import { useState, type FormEvent } from "react";
import { errorInfo } from "./errors.ts";

/* After a resolution: "How did we do?" from 1 (very bad) to 5 (great) with an optional comment. Rating again replaces it. */

const LABELS: Record<(typeof RATING_SCORES)[number], string> = {
  1: "Very bad",
  2: "Bad",
  3: "OK",
  4: "Good",
  5: "Great",
};

export function SatisfactionPrompt({
  sessionToken,
  conversationId,
}: {
  sessionToken: string;
  conversationId: Id<"conversations">;
}) {
  const saved = useQuery(api.public.satisfaction.get, { sessionToken, conversationId });
  const rate = useMutation(api.public.satisfaction.rate);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (saved === undefined) return null;
  if (saved !== null && !editing)
    return (
      <div className="ab-rating" data-testid="rating-thanks" data-score={saved.score}>
        <span>
          Thanks for your feedback: {saved.score} of 5, {LABELS[saved.score as keyof typeof LABELS]}
        </span>
        <button type="button" className="ab-link-button" onClick={() => setEditing(true)}>
          Change
        </button>
      </div>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === null || busy) return;
    setBusy(true);
    setError(null);
    try {
      await rate({ sessionToken, conversationId, score, ...(comment.trim() ? { comment } : {}) });
      setEditing(false);
    } catch (caught) {
      setError(errorInfo(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ab-rating" data-testid="rating-form" onSubmit={(event) => void submit(event)}>
      <p className="ab-rating-question" id="ab-rating-question">
        How did we do?
      </p>
      <div className="ab-rating-scores" role="radiogroup" aria-labelledby="ab-rating-question">
        {RATING_SCORES.map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={score === value}
            aria-label={`${value} of 5: ${LABELS[value]}`}
            className="ab-rating-score"
            data-testid={`rating-${value}`}
            onClick={() => setScore(value)}
          >
            <span className="ab-rating-value">{value}</span>
            <span className="ab-rating-label">{LABELS[value]}</span>
          </button>
        ))}
      </div>
      {score !== null ? (
        <>
          <textarea
            className="ab-rating-comment"
            rows={2}
            value={comment}
            maxLength={MAX_RATING_COMMENT_CHARS}
            placeholder="Anything to add? (optional)"
            aria-label="Comment (optional)"
            data-testid="rating-comment"
            onChange={(event) => setComment(event.target.value)}
          />
          <button type="submit" className="ab-primary" data-testid="rating-submit" disabled={busy}>
            Send feedback
          </button>
        </>
      ) : null}
      {error !== null ? (
        <p className="ab-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
