import { CONTACT_NAME_MAX } from "@answerbase/backend/shared/contacts";
import { useState, type FormEvent } from "react";
import type { Settings } from "./app.tsx";
import { errorInfo } from "./errors.ts";
import type { StartSession } from "./start-session.ts";
import type { StoredSession } from "./storage.ts";

/** Name and e-mail for a guest (unverified) session; the backend names each bad field. */
export function ContactForm({
  startSession,
  settings,
  notice,
  onStarted,
}: {
  startSession: StartSession;
  settings: Settings;
  notice: string | null;
  onStarted: (session: StoredSession) => void;
}) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const started = await startSession({ name, email });
      onStarted({ ...started, name: name.trim(), email: email.trim().toLowerCase() });
    } catch (caught) {
      setError(errorInfo(caught).message);
      setBusy(false);
    }
  };

  return (
    <form className="ab-contact" data-testid="contact-form" onSubmit={(event) => void submit(event)}>
      <p className="ab-greeting">{settings.greeting}</p>
      {notice !== null ? (
        <p className="ab-banner ab-banner-warn" role="alert" data-testid="identity-notice">
          {notice}
        </p>
      ) : null}
      <label className="ab-field">
        <span>Name</span>
        <input
          data-testid="contact-name"
          autoComplete="name"
          required
          maxLength={CONTACT_NAME_MAX}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label className="ab-field">
        <span>E-mail</span>
        <input
          data-testid="contact-email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      {error !== null ? (
        <p className="ab-error" role="alert">
          {error}
        </p>
      ) : null}
      <button className="ab-primary" type="submit" disabled={busy} data-testid="contact-submit">
        {busy ? "Starting…" : "Start chat"}
      </button>
    </form>
  );
}
