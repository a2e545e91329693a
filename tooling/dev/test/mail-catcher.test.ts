import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCatcher, type CaughtMessage, type MailCatcher } from "../src/mail-catcher.ts";

let catcher: MailCatcher;
beforeAll(async () => {
  // No ports given: the defaults when free, else any free port (a running `pnpm dev` holds them).
  catcher = await startMailCatcher({});
});
afterAll(() => catcher.stop());

// The same client library and URL form the backend uses (accounts/smtpMailer.ts).
const send = (message: { to: string; subject: string; text: string }) =>
  createTransport(catcher.smtpUrl).sendMail({ from: "Answerbase <no-reply@answerbase.test>", ...message });

async function caught(to?: string): Promise<CaughtMessage[]> {
  const url = new URL("/messages.json", catcher.webUrl);
  if (to !== undefined) url.searchParams.set("to", to);
  const response = await fetch(url);
  expect(response.headers.get("content-type")).toBe("application/json");
  return ((await response.json()) as { messages: CaughtMessage[] }).messages;
}

describe("mail catcher", () => {
  it("keeps what is sent over SMTP and lists it as JSON, newest first, filtered by recipient", async () => {
    await send({ to: "Ada@Shop.test", subject: "Your code", text: "Your code is 12345678." });
    await send({ to: "bob@shop.test", subject: "Hello Bob", text: "Hi." });

    const all = await caught();
    expect(all.map((message) => message.subject)).toEqual(["Hello Bob", "Your code"]);
    const ada = await caught("ADA@shop.test");
    expect(ada).toHaveLength(1);
    expect(ada[0]).toMatchObject({
      to: ["ada@shop.test"],
      from: "no-reply@answerbase.test",
      subject: "Your code",
    });
    expect(ada[0]?.text.trim()).toBe("Your code is 12345678.");
    expect(await caught("nobody@shop.test")).toEqual([]);
  });

  it("shows the messages on a page, escaping what they contain", async () => {
    await send({ to: "eve@shop.test", subject: "<script>alert(1)</script>", text: "<b>not bold</b>" });
    const response = await fetch(`${catcher.webUrl}/?to=eve@shop.test`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;not bold&lt;/b&gt;");
    expect(html).not.toContain("<script>");
    expect(html.match(/data-testid="caught-message"/g)).toHaveLength(1);
  });

  it("answers 404 for other paths", async () => {
    expect((await fetch(`${catcher.webUrl}/nothing-here`)).status).toBe(404);
  });
});
