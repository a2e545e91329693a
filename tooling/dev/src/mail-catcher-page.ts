import type { CaughtMessage } from "./mail-catcher.ts";

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

/**
 * The catcher's page: newest message first, each with its recipients, subject and plain text (the
 * HTML part is not rendered, so a message cannot run script on this origin). `?to=` filters by
 * recipient; the page reloads itself every few seconds while open.
 */
export function mailCatcherPage(messages: CaughtMessage[]): string {
  const items = messages.map(
    (message) => `<article data-testid="caught-message">
  <header><strong>${escapeHtml(message.subject || "(no subject)")}</strong>
  <span>to ${escapeHtml(message.to.join(", "))} · from ${escapeHtml(message.from)} · ${escapeHtml(message.receivedAt)}</span></header>
  <pre>${escapeHtml(message.text)}</pre>
</article>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Answerbase mail catcher</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; color: #1f2937; }
  article { border: 1px solid #d1d5db; border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
  header span { display: block; color: #6b7280; font-size: 0.85rem; }
  pre { white-space: pre-wrap; font: inherit; margin: 0.5rem 0 0; }
</style></head>
<body>
<h1>Mail catcher</h1>
<p>Messages the local backend sent (kept in memory, never delivered; JSON at <a href="/messages.json">/messages.json</a>).</p>
${items.length === 0 ? '<p data-testid="no-messages">No messages yet.</p>' : items.join("\n")}
</body></html>
`;
}
