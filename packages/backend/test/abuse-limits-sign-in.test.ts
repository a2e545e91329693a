// Abuse limits on the dashboard's door: sign-in failures back off exponentially per (account, client)
// and never lock the owner out of a browser that signed in before; unknown clients share one back-off
// per account, capped; sign-ups are limited per client under a deployment-wide ceiling.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import { DASHBOARD_CLIENT_LIFETIME_MS } from "../convex/accounts/clientTokens.ts";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";
import { startBackend, type Backend } from "./support/backend.ts";

const OWNER = "owner@shop.test";
const PASSWORD = "correct horse battery";
const FIFTEEN_MINUTES = 15 * 60 * 1000;

let t: Backend;

beforeAll(async () => {
  Object.assign(process.env, await generateDeploymentSecrets(), {
    SITE_URL: "http://localhost:3000",
    CONVEX_SITE_URL: "http://127.0.0.1:3211",
  });
});
beforeEach(async () => {
  // Only the clock is fake: waits are skipped by moving it, never by sleeping.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.UTC(2026, 11, 8, 9));
  delete process.env.ANSWERBASE_CLIENT_IP_HEADER;
  t = await startBackend();
});
afterEach(() => vi.useRealTimers());
afterAll(() => delete process.env.ANSWERBASE_CLIENT_IP_HEADER);

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

/** `POST /dashboard/clients` as the sign-in page calls it, from `ip` as a trusted proxy reports it. */
async function mint(ip?: string) {
  const response = await t.fetch("/dashboard/clients", {
    method: "POST",
    headers: ip === undefined ? {} : { "x-forwarded-for": ip },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function browser(ip?: string): Promise<string> {
  const { status, body } = await mint(ip);
  expect(status).toBe(200);
  return body.clientToken as string;
}

type Outcome = "signed in" | { code: string; message: string; retryAfterMs?: number };

async function attempt(
  flow: "signIn" | "signUp",
  email: string,
  password: string,
  clientToken?: string,
): Promise<Outcome> {
  try {
    const result = await t.action(api.auth.signIn, {
      provider: "password",
      params: { email, password, flow, ...(clientToken === undefined ? {} : { clientToken }) },
    });
    expect((result as { tokens?: unknown }).tokens).toBeTruthy();
    return "signed in";
  } catch (error) {
    const data = (error as { data?: { code: string; message: string; retryAfterMs?: number } }).data;
    if (data === undefined) throw error;
    return { code: data.code, message: data.message, retryAfterMs: data.retryAfterMs };
  }
}

const signIn = (email: string, password: string, clientToken?: string) =>
  attempt("signIn", email, password, clientToken);
const code = (outcome: Outcome) => (outcome === "signed in" ? outcome : outcome.code);
const waitOf = (outcome: Outcome) => (outcome === "signed in" ? 0 : (outcome.retryAfterMs ?? 0));

/** `count` wrong passwords from `client()`, one right after the other: the codes they get. */
async function guess(count: number, client: () => Promise<string | undefined>) {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) codes.push(code(await signIn(OWNER, `guess number ${i}`, await client())));
  return codes;
}

/** Wrong passwords from `client()`, waiting whenever told to, until `checked` were checked; the time taken. */
async function patientlyGuess(checked: number, client: () => Promise<string | undefined>) {
  const start = Date.now();
  for (let done = 0; done < checked;) {
    const outcome = await signIn(OWNER, `patient guess ${done}`, await client());
    if (code(outcome) === "invalid_credentials") done += 1;
    else advance(waitOf(outcome));
  }
  return Date.now() - start;
}

const count = (codes: string[], wanted: string) => codes.filter((c) => c === wanted).length;

describe("abuse limits: sign-in back-off per account and client", () => {
  let ownerBrowser: string;
  beforeEach(async () => {
    ownerBrowser = await browser();
    expect(await attempt("signUp", OWNER, PASSWORD, ownerBrowser)).toBe("signed in");
  });

  it("an attacker failing 50 times from client A never slows the owner on a browser that signed in before", async () => {
    const attacker = await browser();
    const flood = await guess(50, () => Promise.resolve(attacker));
    expect(count(flood, "invalid_credentials")).toBe(5);
    expect(count(flood, "rate_limited")).toBe(45);
    expect(await signIn(OWNER, PASSWORD, ownerBrowser)).toBe("signed in");

    // A patient attacker gets 10 more wrong passwords checked within the hour, 15 in all: Convex Auth's
    // own default (10 an hour per account, then even the right password is refused) would lock the owner.
    expect(await patientlyGuess(10, () => Promise.resolve(attacker))).toBeLessThan(60 * 60 * 1000);
    expect(await signIn(OWNER, PASSWORD, ownerBrowser)).toBe("signed in");
  });

  it("the owner's first sign-in from a new browser after a flood from rotating tokens waits at most the cap", async () => {
    // A new token per guess buys nothing: unknown clients share the account's back-off.
    const rotating = await guess(20, () => browser());
    expect(rotating).toEqual([...Array(5).fill("invalid_credentials"), ...Array(15).fill("rate_limited")]);
    await patientlyGuess(11, () => browser());

    const laptop = await browser();
    const refused = await signIn(OWNER, PASSWORD, laptop);
    expect(refused).toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/^Too many sign-in attempts; try again in \d+ s\.$/),
    });
    expect(waitOf(refused)).toBeGreaterThan(0);
    expect(waitOf(refused)).toBeLessThanOrEqual(FIFTEEN_MINUTES);
    advance(waitOf(refused));
    expect(await signIn(OWNER, PASSWORD, laptop)).toBe("signed in");

    // The laptop is known now: more guesses from new tokens do not touch it.
    expect(await guess(10, () => browser())).toEqual(Array(10).fill("rate_limited"));
    expect(await signIn(OWNER, PASSWORD, laptop)).toBe("signed in");
  });

  it("grows 1 s, 2 s, 4 s … after the fifth failure, stops at 15 min, and starts again after a success", async () => {
    const first = await guess(5, () => Promise.resolve(ownerBrowser));
    expect(first).toEqual(Array(5).fill("invalid_credentials"));
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const refused = await signIn(OWNER, PASSWORD, ownerBrowser);
      expect(code(refused)).toBe("rate_limited");
      waits.push(waitOf(refused));
      advance(waitOf(refused));
      expect(await signIn(OWNER, "still wrong", ownerBrowser)).toMatchObject({ code: "invalid_credentials" });
    }
    expect(waits).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 900_000, 900_000,
    ]);
    advance(FIFTEEN_MINUTES);
    expect(await signIn(OWNER, PASSWORD, ownerBrowser)).toBe("signed in");
    expect(await guess(5, () => Promise.resolve(ownerBrowser))).toEqual(Array(5).fill("invalid_credentials"));
  });

  it("an unknown e-mail and a wrong password answer alike and back off alike", async () => {
    const client = await browser();
    const answers = async (email: string) => {
      const seen: Outcome[] = [];
      for (let i = 0; i < 8; i++) seen.push(await signIn(email, "wrong password", client));
      return seen;
    };
    const wrongPassword = await answers(OWNER);
    const unknownEmail = await answers("nobody@shop.test");
    expect(unknownEmail).toEqual(wrongPassword);
    expect(wrongPassword[0]).toEqual({
      code: "invalid_credentials",
      message: "Invalid e-mail or password.",
      retryAfterMs: undefined,
    });
    expect(wrongPassword.map(code)).toEqual([
      ...Array(5).fill("invalid_credentials"),
      ...Array(3).fill("rate_limited"),
    ]);
  });

  it("callers without a token are unknown clients; a forged or unknown token is refused", async () => {
    const tokenless = await guess(6, () => Promise.resolve(undefined));
    expect(tokenless).toEqual([...Array(5).fill("invalid_credentials"), "rate_limited"]);
    expect(await signIn(OWNER, PASSWORD, ownerBrowser)).toBe("signed in");
    for (const forged of ["nope", `dc_${"0".repeat(64)}`]) {
      await expect(
        t.action(api.auth.signIn, {
          provider: "password",
          params: { email: OWNER, password: PASSWORD, flow: "signIn", clientToken: forged },
        }),
      ).rejects.toMatchObject({ data: { code: "invalid_input", fields: [{ field: "clientToken" }] } });
    }
  });
});

describe("abuse limits: sign-ups per client", () => {
  const signUp = (n: number, clientToken: string | undefined) =>
    attempt("signUp", `new${n}-${Math.random().toString(36).slice(2)}@shop.test`, PASSWORD, clientToken);

  it("a sign-up flood from one browser is refused while another browser signs up", async () => {
    const flooder = await browser();
    const flood: string[] = [];
    for (let i = 0; i < 12; i++) flood.push(code(await signUp(i, flooder)));
    expect(flood).toEqual([...Array(5).fill("signed in"), ...Array(7).fill("rate_limited")]);
    expect(await signUp(99, flooder)).toMatchObject({
      message: expect.stringMatching(/^Too many sign-ups from this browser; try again in \d+ s\.$/),
    });
    expect(await signUp(100, await browser())).toBe("signed in");
  });

  it("behind a trusted proxy, browsers of one network share its budget, and minting stops after 10", async () => {
    process.env.ANSWERBASE_CLIENT_IP_HEADER = "x-forwarded-for";
    const tokens = [await browser("203.0.113.9"), await browser("203.0.113.9")];
    const spread: string[] = [];
    for (let i = 0; i < 8; i++) spread.push(code(await signUp(i, tokens[i % 2])));
    expect(count(spread, "signed in")).toBe(5);
    expect(await signUp(50, await browser("198.51.100.4"))).toBe("signed in");

    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await mint("192.0.2.77")).status);
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429, 429]);
    expect((await mint("192.0.2.77")).body).toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/network/),
    });
  });

  it("callers without a token share one small bucket; the route answers CORS preflights", async () => {
    const tokenless: string[] = [];
    for (let i = 0; i < 22; i++) tokenless.push(code(await signUp(i, undefined)));
    expect(count(tokenless, "signed in")).toBe(20);
    expect(await signUp(99, await browser())).toBe("signed in");
    const preflight = await t.fetch("/dashboard/clients", { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("abuse limits: what the hourly purge keeps", () => {
  it("back-off rows quiet for a day and expired client tokens go; the owner's browser stays known", async () => {
    const ownerBrowser = await browser();
    expect(await attempt("signUp", OWNER, PASSWORD, ownerBrowser)).toBe("signed in");
    const attacker = await browser();
    await guess(8, () => Promise.resolve(attacker));
    // The owner mistypes once from the known browser, so its row has a failure to forget too.
    expect(await signIn(OWNER, "wrong password", ownerBrowser)).toMatchObject({
      code: "invalid_credentials",
    });
    const rows = () => t.run(async (ctx) => (await ctx.db.query("signInClients").collect()).length);
    // The owner's browser, the attacker's, and the account's shared row for unknown clients.
    expect(await rows()).toBe(3);
    const purge = () => t.mutation(internal.system.expiredClients.purge, {});

    advance(24 * 60 * 60 * 1000 - 1);
    expect(await purge()).toEqual({ widgetClients: 0, dashboardClients: 0, signInClients: 0 });
    advance(2);
    expect(await purge()).toEqual({ widgetClients: 0, dashboardClients: 0, signInClients: 2 });
    expect(await rows()).toBe(1);
    // Still known: the attacker starts again from zero, and the owner is never slowed by it.
    await guess(8, () => Promise.resolve(attacker));
    expect(await signIn(OWNER, PASSWORD, ownerBrowser)).toBe("signed in");

    advance(DASHBOARD_CLIENT_LIFETIME_MS);
    expect((await purge()).dashboardClients).toBe(2);
    expect((await mint()).status).toBe(200);
  });
});
