// Sign-up e-mail verification (accounts/passwordProvider.ts, accounts/verificationCode.ts): codes go
// over real SMTP to a server this file runs, and are checked, used once, expired and rate-limited.
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import { INVALID_CODE_MESSAGE } from "../convex/accounts/passwordLimits";
import { CODE_LIFETIME_MS } from "../convex/accounts/verificationCode";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";
import { startBackend, type Backend } from "./support/backend.ts";

interface Received {
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
let smtp: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        inbox.push({
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  Object.assign(process.env, {
    ...(await generateDeploymentSecrets()),
    SITE_URL: "http://localhost:3000",
    CONVEX_SITE_URL: "http://127.0.0.1:3211",
  });
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

let t: Backend;
beforeEach(async () => {
  process.env.SMTP_URL = smtpUrl;
  inbox.length = 0;
  t = await startBackend();
});
afterEach(() => {
  vi.useRealTimers();
  delete process.env.SMTP_URL;
});

type Outcome = "signed in" | "code sent" | { code: string; message: string };

async function signIn(params: Record<string, string>): Promise<Outcome> {
  try {
    const result = (await t.action(api.auth.signIn, { provider: "password", params })) as {
      tokens?: { token: string } | null;
      started?: boolean;
    };
    return result.tokens ? "signed in" : "code sent";
  } catch (error) {
    const data = (error as { data?: { code: string; message: string } }).data;
    if (data === undefined) throw error;
    return { code: data.code, message: data.message };
  }
}

const PASSWORD = "correct horse";
const signUp = (email: string) => signIn({ email, password: PASSWORD, name: "Ada", flow: "signUp" });
const enterCode = (email: string, code: string) => signIn({ email, code, flow: "email-verification" });
const wrongCode = { code: "invalid_credentials", message: INVALID_CODE_MESSAGE };

/** The code of the newest message to `to`, read from the raw message as a person would. */
function lastCode(to: string): string {
  const message = inbox.filter((received) => received.to.includes(to)).at(-1);
  const code = message?.raw.match(/verification code is (\d{8})\./)?.[1];
  if (code === undefined) throw new Error(`no code was sent to ${to}: ${JSON.stringify(inbox)}`);
  return code;
}
const otherCode = (code: string) => String((Number(code) + 1) % 100_000_000).padStart(8, "0");

describe("e-mail verification at sign-up", () => {
  it("sends a code instead of signing in, and signs in with that code once", async () => {
    expect(await signUp("Ada@Shop.test")).toBe("code sent");
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.raw).toMatch(/Subject: Your Answerbase code: \d{8}/);
    const code = lastCode("ada@shop.test");

    expect(await enterCode("ada@shop.test", otherCode(code))).toEqual(wrongCode);
    // The address as typed at sign-up (case and spaces) finds the same account.
    expect(await enterCode(" ADA@shop.test", code)).toBe("signed in");
    expect(await enterCode("ada@shop.test", code)).toEqual(wrongCode);

    const user = await t.run(async (ctx) => await ctx.db.query("users").first());
    expect(user).toMatchObject({ email: "ada@shop.test", name: "Ada" });
    expect(user?.emailVerificationTime).toBeTypeOf("number");
    // Verified: the password alone signs in from now on.
    expect(await signIn({ email: "ada@shop.test", password: PASSWORD, flow: "signIn" })).toBe("signed in");
  });

  it("sends a new code when an unverified account signs in, and only the newest code works", async () => {
    expect(await signUp("bob@shop.test")).toBe("code sent");
    const first = lastCode("bob@shop.test");
    expect(
      await signIn({ email: "bob@shop.test", password: "wrong password", flow: "signIn" }),
    ).toMatchObject({
      code: "invalid_credentials",
    });
    expect(inbox).toHaveLength(1);
    expect(await signIn({ email: "bob@shop.test", password: PASSWORD, flow: "signIn" })).toBe("code sent");
    const second = lastCode("bob@shop.test");
    expect(inbox).toHaveLength(2);
    if (first !== second) expect(await enterCode("bob@shop.test", first)).toEqual(wrongCode);
    expect(await enterCode("bob@shop.test", second)).toBe("signed in");
  });

  it("refuses a code for another address, and answers an unknown address like a wrong code", async () => {
    await signUp("carol@shop.test");
    await signUp("dan@shop.test");
    expect(await enterCode("dan@shop.test", lastCode("carol@shop.test"))).toEqual(wrongCode);
    expect(await enterCode("nobody@shop.test", lastCode("carol@shop.test"))).toEqual(wrongCode);
    expect(await enterCode("carol@shop.test", lastCode("carol@shop.test"))).toBe("signed in");
  });

  it("refuses a code after its lifetime", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await signUp("erin@shop.test");
    const code = lastCode("erin@shop.test");
    vi.setSystemTime(Date.now() + CODE_LIFETIME_MS + 1_000);
    expect(await enterCode("erin@shop.test", code)).toEqual(wrongCode);
    // A new code (the form's "Send a new code") works.
    expect(await signIn({ email: "erin@shop.test", flow: "email-verification" })).toBe("code sent");
    expect(await enterCode("erin@shop.test", lastCode("erin@shop.test"))).toBe("signed in");
  });

  it("limits guesses with the sign-in back-off, and the right code still works after the wait", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await signUp("fay@shop.test");
    const code = lastCode("fay@shop.test");
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 7; i++) outcomes.push(await enterCode("fay@shop.test", otherCode(otherCode(code))));
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill(wrongCode));
    expect(outcomes.slice(5).map((outcome) => typeof outcome === "object" && outcome.code)).toContain(
      "rate_limited",
    );
    // While it waits, even the right code is refused; afterwards it signs in.
    expect(await enterCode("fay@shop.test", code)).toMatchObject({ code: "rate_limited" });
    vi.setSystemTime(Date.now() + 60_000);
    expect(await enterCode("fay@shop.test", code)).toBe("signed in");
  });

  it("says so when the SMTP server cannot be reached, and keeps the account for a new code", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens on port 1
    expect(await signUp("gus@shop.test")).toEqual({
      code: "internal",
      message: "The verification e-mail could not be sent; try again in a minute.",
    });
    process.env.SMTP_URL = smtpUrl;
    expect(await signIn({ email: "gus@shop.test", password: PASSWORD, flow: "signIn" })).toBe("code sent");
    expect(await enterCode("gus@shop.test", lastCode("gus@shop.test"))).toBe("signed in");
  });

  it("creates the demo account verified: `pnpm dev`'s seed signs in with the password alone", async () => {
    await t.action(internal.system.demo.seed, {
      email: "demo@answerbase.test",
      password: PASSWORD,
      name: "Demo Admin",
      organizationName: "Demo",
    });
    expect(await signIn({ email: "demo@answerbase.test", password: PASSWORD, flow: "signIn" })).toBe(
      "signed in",
    );
    expect(inbox).toHaveLength(0);
  });

  it("without SMTP_URL, signs up without a code (and warns)", async () => {
    delete process.env.SMTP_URL;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await signUp("hal@shop.test")).toBe("signed in");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("SMTP_URL is not set"));
    expect(inbox).toHaveLength(0);
    warn.mockRestore();
  });
});
