import { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";
import type { Id } from "@answerbase/backend/dataModel";
import type { ConvexReactClient } from "convex/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Bridge, HostMessage } from "./bridge.ts";
import { Chat } from "./chat.tsx";
import { ContactForm } from "./contact-form.tsx";
import { errorInfo } from "./errors.ts";
import { ErrorBoundary } from "./error-boundary.tsx";
import { Header } from "./header.tsx";
import { Inbox } from "./inbox.tsx";
import type { StartSession } from "./start-session.ts";
import { openSessionStore, type StoredSession } from "./storage.ts";
import { Unavailable } from "./unavailable.tsx";
import { useConnection } from "./use-connection.ts";

export type Settings = FunctionReturnType<typeof api.public.widget.settings>;
type Identity = Extract<HostMessage, { type: "identify" }>;
type Phase =
  | { kind: "loading" }
  | { kind: "unavailable"; message: string }
  | { kind: "contact"; notice: string | null }
  | { kind: "ready"; session: StoredSession };

/**
 * Settings, then who is chatting: a stored session still valid, the identity the host page passed
 * with `identify` (verified by the site's signature), or the contact form. Then the chat and the inbox.
 */
export function App({
  client,
  organizationId,
  bridge,
  startSession,
}: {
  client: ConvexReactClient;
  organizationId: Id<"organizations">;
  bridge: Bridge;
  startSession: StartSession;
}) {
  const store = useMemo(() => openSessionStore(organizationId, bridge), [organizationId, bridge]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [view, setView] = useState<{ kind: "chat"; conversationId: string | null } | { kind: "inbox" }>({
    kind: "chat",
    conversationId: null,
  });
  const [focusTick, setFocusTick] = useState(0);
  const connection = useConnection(client);

  useEffect(
    () =>
      bridge.listen((message) => {
        if (message.type === "identify") setIdentity(message);
        else if (message.type === "opened") setFocusTick((tick) => tick + 1);
      }),
    [bridge],
  );

  useEffect(() => {
    let cancelled = false;
    client.query(api.public.widget.settings, { organizationId }).then(
      (loaded) => !cancelled && setSettings(loaded),
      (error: unknown) => {
        if (cancelled) return;
        const { code, message } = errorInfo(error);
        setPhase({
          kind: "unavailable",
          message: code === "not_found" ? "This chat is not available: unknown organization." : message,
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, organizationId]);

  const begin = useCallback(
    (session: StoredSession) => {
      store.set(session);
      setPhase({ kind: "ready", session });
    },
    [store],
  );

  // Who is chatting, once the settings are in (an unknown organization stops here).
  useEffect(() => {
    if (settings === null) return;
    let cancelled = false;
    void (async () => {
      await store.ready;
      const stored = store.get();
      if (identity !== null) {
        const same =
          stored?.verified &&
          stored.email === identity.email.trim().toLowerCase() &&
          stored.signature === identity.signature;
        if (same) {
          const { valid } = await client.query(api.public.contactSessions.validate, {
            sessionToken: stored.sessionToken,
          });
          if (valid) return !cancelled && setPhase({ kind: "ready", session: stored });
        }
        try {
          const started = await startSession({
            name: identity.name,
            email: identity.email,
            ...(identity.signature === undefined ? {} : { signature: identity.signature }),
          });
          if (cancelled) return;
          setView({ kind: "chat", conversationId: null });
          begin({
            ...started,
            name: identity.name,
            email: identity.email.trim().toLowerCase(),
            ...(identity.signature === undefined ? {} : { signature: identity.signature }),
          });
        } catch (error) {
          if (cancelled) return;
          store.clear();
          const { code } = errorInfo(error);
          setPhase({
            kind: "contact",
            notice:
              code === "forbidden"
                ? "We could not confirm your account (the site's identity signature did not match). " +
                  "You can still chat as a guest; account details need a confirmed sign-in."
                : errorInfo(error).message,
          });
        }
        return;
      }
      // A verified session is resumed only for a page that identifies the same customer again: a page
      // that does not (signed out, another person at the computer) gets the contact form.
      if (stored === null || stored.verified)
        return !cancelled && setPhase({ kind: "contact", notice: null });
      const { valid } = await client.query(api.public.contactSessions.validate, {
        sessionToken: stored.sessionToken,
      });
      if (cancelled) return;
      if (valid) setPhase({ kind: "ready", session: stored });
      else {
        store.clear();
        setPhase({ kind: "contact", notice: "Your previous chat session expired. Please start again." });
      }
    })().catch((error: unknown) => {
      if (!cancelled) setPhase({ kind: "unavailable", message: errorInfo(error).message });
    });
    return () => {
      cancelled = true;
    };
  }, [client, organizationId, settings, identity, store, begin]);

  if (phase.kind === "unavailable") return <Unavailable bridge={bridge} message={phase.message} />;
  const accent = { "--ab-accent": settings?.primaryColor ?? "#2563eb" } as React.CSSProperties;
  const signOut = (notice: string | null) => {
    store.clear();
    setPhase({ kind: "contact", notice });
  };
  return (
    <div className="ab-shell" style={accent} data-testid="widget-root">
      <Header
        title={settings?.organizationName ?? "Support"}
        bridge={bridge}
        before={
          phase.kind === "ready" && view.kind === "chat" ? (
            <button
              type="button"
              className="ab-icon-button"
              aria-label="Your conversations"
              data-testid="inbox-button"
              onClick={() => setView({ kind: "inbox" })}
            >
              ☰
            </button>
          ) : null
        }
      />
      {connection === "reconnecting" ? (
        <div className="ab-banner ab-banner-warn" role="status" data-testid="connection-banner">
          Connection lost, reconnecting… Messages you send are kept and delivered when it is back.
        </div>
      ) : null}
      {store.kind === "memory" ? (
        <div className="ab-banner" role="note" data-testid="storage-notice">
          Your browser blocks storage for this chat, so it is kept only until you leave this page.
        </div>
      ) : null}
      {phase.kind === "loading" || settings === null ? (
        <div className="ab-loading" role="status" aria-label="Loading chat" />
      ) : phase.kind === "contact" ? (
        <ContactForm
          startSession={startSession}
          settings={settings}
          notice={phase.notice}
          onStarted={begin}
        />
      ) : (
        <ErrorBoundary
          key={phase.session.sessionToken}
          onError={(error) => {
            const { code } = errorInfo(error);
            if (code === "session_expired") signOut("Your chat session expired. Please start again.");
            else setView({ kind: "chat", conversationId: null });
          }}
        >
          {view.kind === "inbox" ? (
            <Inbox
              session={phase.session}
              onOpen={(conversationId) => setView({ kind: "chat", conversationId })}
            />
          ) : (
            <Chat
              client={client}
              session={phase.session}
              settings={settings}
              conversationId={view.conversationId}
              focusTick={focusTick}
              onConversation={(conversationId) => setView({ kind: "chat", conversationId })}
              onClose={() => bridge.send({ type: "close" })}
            />
          )}
        </ErrorBoundary>
      )}
    </div>
  );
}
