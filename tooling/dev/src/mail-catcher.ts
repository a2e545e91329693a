import { createServer, type Server } from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { mailCatcherPage } from "./mail-catcher-page.ts";
import { DEFAULT_MAIL_CATCHER_PORT, DEFAULT_MAIL_CATCHER_SMTP_PORT, choosePort } from "./ports.ts";

/** One message the catcher received, as its page and `/messages.json` show it. */
export interface CaughtMessage {
  id: number;
  receivedAt: string;
  from: string;
  /** Every recipient address of the SMTP envelope, lower-cased. */
  to: string[];
  subject: string;
  text: string;
}

export interface MailCatcher {
  /** What the backend's SMTP_URL is set to: `smtp://127.0.0.1:<port>`. */
  smtpUrl: string;
  /** The page listing the messages; `<webUrl>/messages.json?to=<address>` for tests. */
  webUrl: string;
  messages(): CaughtMessage[];
  stop(): Promise<void>;
}

/** Older messages are dropped past this many: the catcher runs for days under `pnpm dev`. */
const KEPT_MESSAGES = 500;
/** A message larger than this is refused (the backend sends short codes). */
const MAX_MESSAGE_BYTES = 1_000_000;

/**
 * An SMTP server that accepts every message without delivering it, and a web page listing them, so
 * that e-mail verification works offline (`pnpm dev`, the e2e stack). It listens on 127.0.0.1 only,
 * accepts any sender and recipient without TLS or authentication, and keeps messages in memory: it is
 * for development and tests, never a relay.
 */
export async function startMailCatcher(env: NodeJS.ProcessEnv = process.env): Promise<MailCatcher> {
  const host = "127.0.0.1";
  const smtpPort = await choosePort(host, env, "MAIL_CATCHER_SMTP_PORT", DEFAULT_MAIL_CATCHER_SMTP_PORT);
  const webPort = await choosePort(host, env, "MAIL_CATCHER_PORT", DEFAULT_MAIL_CATCHER_PORT);
  const messages: CaughtMessage[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_MESSAGE_BYTES,
    banner: "Answerbase mail catcher (messages are kept, never delivered)",
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          messages.push({
            id: nextId++,
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
          });
          if (messages.length > KEPT_MESSAGES) messages.splice(0, messages.length - KEPT_MESSAGES);
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  smtp.on("error", (error) => console.error("mail catcher (SMTP):", error));
  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(smtpPort, host, () => resolve());
  });

  const webUrl = `http://${host}:${webPort}`;
  let web: Server;
  try {
    web = await listen(host, webPort, (url) => {
      const to = url.searchParams.get("to")?.trim().toLowerCase();
      const shown = [...messages].reverse().filter((message) => !to || message.to.includes(to));
      if (url.pathname === "/messages.json")
        return { type: "application/json", body: JSON.stringify({ messages: shown }) };
      if (url.pathname === "/") return { type: "text/html; charset=utf-8", body: mailCatcherPage(shown) };
      return null;
    });
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    webUrl,
    messages: () => [...messages],
    async stop() {
      web.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => web.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}

function listen(
  host: string,
  port: number,
  handle: (url: URL) => { type: string; body: string } | null,
): Promise<Server> {
  const server = createServer((request, response) => {
    const answer = handle(new URL(request.url ?? "/", "http://local"));
    response.writeHead(answer === null ? 404 : 200, {
      "content-type": answer?.type ?? "text/plain",
      "cache-control": "no-store",
    });
    response.end(answer?.body ?? "not found");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
