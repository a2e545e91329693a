// Wrong fields, unreachable hosts, wrong credentials, a Secrets Manager outage, missing or corrupted
// secrets, hostile table names, too many calls: a coded error each, and the saved configuration untouched.
// Then free text: control characters, unpaired surrogates and oversized metadata, refused by field.
import {
  PutSecretValueCommand,
  DeleteSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { definitionProblems } from "../convex/lookup/named/definition.ts";
import {
  startBackend,
  createUser,
  deploymentEnv,
  demoConfigs,
  grantPrivateNetworks,
  type SecretStore,
} from "./support/backend.ts";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.stop());

async function connectedOrganization(store: SecretStore = "secrets_manager", provider = "neon") {
  Object.assign(process.env, await deploymentEnv(cloud, store));
  const t = await startBackend();
  const owner = await createUser(t, "owner@shop.test");
  const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  // The test database is on this machine: the operator's private-network grant (test/egress.test.ts).
  await grantPrivateNetworks(t, organizationId);
  await owner.as.action(api.private.dataSourceActions.save, {
    organizationId,
    config: demoConfigs(cloud)[provider]!,
  });
  const get = () => owner.as.query(api.private.dataSources.get, { organizationId });
  const testConnection = () =>
    owner.as.action(api.private.dataSourceActions.testConnection, { organizationId });
  return { t, owner, organizationId, get, testConnection };
}

function secretsManager() {
  return new SecretsManagerClient({
    endpoint: cloud.cloud.url,
    region: cloud.demo.aurora.region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

describe("saving a configuration", () => {
  it("names every bad field and keeps the saved configuration", async () => {
    const { owner, organizationId, get } = await connectedOrganization();
    const before = await get();
    await expect(
      owner.as.action(api.private.dataSourceActions.save, {
        organizationId,
        config: { provider: "aurora_data_api", resourceArn: "arn:nope", database: "" },
      }),
    ).rejects.toMatchObject({
      data: {
        code: "invalid_config",
        fields: expect.arrayContaining([
          expect.objectContaining({ field: "resourceArn" }),
          expect.objectContaining({ field: "secretArn" }),
          expect.objectContaining({ field: "database" }),
        ]),
      },
    });
    await expect(
      owner.as.action(api.private.dataSourceActions.save, { organizationId, config: { provider: "mysql" } }),
    ).rejects.toMatchObject({ data: { code: "invalid_config", fields: [{ field: "provider" }] } });
    expect(await get()).toEqual(before);
  });

  it("a Secrets Manager outage fails the save and keeps the previous configuration", async () => {
    const { owner, organizationId, get, testConnection } = await connectedOrganization();
    const before = await get();
    process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9"; // nothing listens there
    await expect(
      owner.as.action(api.private.dataSourceActions.save, {
        organizationId,
        config: demoConfigs(cloud).postgres!,
      }),
    ).rejects.toMatchObject({ data: { code: "secret_store_unavailable", retryable: true } });
    expect(await get()).toEqual(before);
    process.env.AWS_ENDPOINT_URL = cloud.cloud.url;
    expect(await testConnection()).toMatchObject({ kind: "connected" });
  });

  it("without AWS or an encryption key, saving says what to configure", async () => {
    Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"));
    delete process.env.DATA_SOURCE_ENCRYPTION_KEY;
    const t = await startBackend();
    const owner = await createUser(t, "owner@shop.test");
    const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
    await expect(
      owner.as.action(api.private.dataSourceActions.save, {
        organizationId,
        config: demoConfigs(cloud).neon!,
      }),
    ).rejects.toMatchObject({
      data: { code: "not_configured", message: expect.stringMatching(/DATA_SOURCE_ENCRYPTION_KEY/) },
    });
    expect(await owner.as.query(api.private.dataSources.get, { organizationId })).toBeNull();
  });
});

describe("testing a connection", () => {
  it("an unreachable host is a network failure, recorded as the status", async () => {
    const { owner, organizationId, get, testConnection } = await connectedOrganization();
    await owner.as.action(api.private.dataSourceActions.save, {
      organizationId,
      config: { provider: "postgres", connectionString: "postgresql://shop:pw@127.0.0.1:9/shop" },
    });
    expect(await testConnection()).toMatchObject({
      kind: "failing",
      error: { code: "network", retryable: true },
    });
    expect((await get())?.status).toMatchObject({ kind: "failing", error: { code: "network" } });
  });

  // Wrong passwords cannot be shown here: PGlite and the test server trust every login. A credentials
  // secret that does not exist is the Data API's equivalent, and is named as such.
  it("a database credentials secret that does not exist is not_found", async () => {
    const { owner, organizationId, testConnection } = await connectedOrganization();
    const aurora = demoConfigs(cloud).aurora_data_api!;
    await owner.as.action(api.private.dataSourceActions.save, {
      organizationId,
      config: {
        ...aurora,
        secretArn: cloud.demo.aurora.secretArn.replace(/secret:.*/, "secret:no-such-login"),
      },
    });
    expect(await testConnection()).toMatchObject({
      kind: "failing",
      error: { code: "not_found", message: expect.stringMatching(/secret/i) },
    });
  });

  it("a secret deleted behind our back is secret_missing, never another database", async () => {
    const { organizationId, testConnection, get } = await connectedOrganization();
    await secretsManager().send(
      new DeleteSecretCommand({
        SecretId: `tenant/${organizationId}/database`,
        ForceDeleteWithoutRecovery: true,
      }),
    );
    expect(await testConnection()).toMatchObject({ kind: "failing", error: { code: "secret_missing" } });
    expect((await get())?.status).toMatchObject({ kind: "failing", error: { code: "secret_missing" } });
  });

  it("a secret that is not a configuration is secret_corrupted", async () => {
    const { organizationId, testConnection } = await connectedOrganization();
    await secretsManager().send(
      new PutSecretValueCommand({ SecretId: `tenant/${organizationId}/database`, SecretString: "{not json" }),
    );
    expect(await testConnection()).toMatchObject({ kind: "failing", error: { code: "secret_corrupted" } });
  });

  it("a Secrets Manager outage is secret_store_unavailable", async () => {
    const { testConnection } = await connectedOrganization();
    process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9";
    expect(await testConnection()).toMatchObject({
      kind: "failing",
      error: { code: "secret_store_unavailable" },
    });
    process.env.AWS_ENDPOINT_URL = cloud.cloud.url;
  });

  it("an encrypted config opened with another key, or tampered with, is secret_corrupted", async () => {
    const { t, testConnection } = await connectedOrganization("encrypted_table");
    const key = process.env.DATA_SOURCE_ENCRYPTION_KEY;
    process.env.DATA_SOURCE_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
    expect(await testConnection()).toMatchObject({
      kind: "failing",
      error: {
        code: "secret_corrupted",
        message: expect.stringMatching(/different DATA_SOURCE_ENCRYPTION_KEY/),
      },
    });
    process.env.DATA_SOURCE_ENCRYPTION_KEY = key;
    await t.run(async (ctx) => {
      const row = (await ctx.db.query("encryptedSecrets").first())!;
      const bytes = Buffer.from(row.ciphertext, "base64");
      bytes[0] = bytes[0]! ^ 1;
      await ctx.db.patch(row._id, { ciphertext: bytes.toString("base64") });
    });
    expect(await testConnection()).toMatchObject({ kind: "failing", error: { code: "secret_corrupted" } });
  });
});

describe("previewing a table", () => {
  it.each([
    ["a table that does not exist", "public", "no_such_table"],
    ["an injection attempt", "public", 'orders"; DROP TABLE public.customers; --'],
    ["a hostile schema", "pg_catalog", "pg_authid"],
  ])("%s is not_found and nothing runs", async (_, schema, table) => {
    const { owner, organizationId } = await connectedOrganization();
    await expect(
      owner.as.action(api.private.dataSourceActions.previewRows, { organizationId, schema, table }),
    ).rejects.toMatchObject({ data: { code: "not_found" } });
    const customers = await owner.as.action(api.private.dataSourceActions.previewRows, {
      organizationId,
      schema: "public",
      table: "customers",
    });
    expect(customers.rows.length).toBeGreaterThan(0);
  });

  it("a bad cursor or limit is invalid_input", async () => {
    const { owner, organizationId } = await connectedOrganization();
    const table = { organizationId, schema: "public", table: "orders" };
    await expect(
      owner.as.action(api.private.dataSourceActions.previewRows, { ...table, cursor: "garbage" }),
    ).rejects.toMatchObject({ data: { code: "invalid_input" } });
    await expect(
      owner.as.action(api.private.dataSourceActions.previewRows, { ...table, limit: 5000 }),
    ).rejects.toMatchObject({ data: { code: "invalid_input" } });
  });
});

describe("rate limits", () => {
  it("too many connection tests per organization are refused with the wait", async () => {
    const { testConnection } = await connectedOrganization();
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await testConnection());
    expect(results.every((r) => r.kind === "connected")).toBe(true);
    await expect(testConnection()).rejects.toMatchObject({
      data: { code: "rate_limited", retryAfterMs: expect.any(Number) },
    });
  });
});

// Free text from the widget and from members (lib/textRules.ts): control characters, unpaired UTF-16
// surrogates and oversized metadata are refused with the field named; real names and emoji go through.
describe("free text at the edges", () => {
  const cleanName = "Zoë Ångström 🌸"; // 🌸 is a surrogate PAIR, which is fine
  const page = { numItems: 20, cursor: null };

  async function shop() {
    Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"));
    const t = await startBackend();
    const owner = await createUser(t, "owner@shop.test");
    const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
    const start = (args: { name?: string; email?: string; metadata?: Record<string, string> }) =>
      t.mutation(api.public.contactSessions.start, {
        organizationId,
        name: cleanName,
        email: "zoe@example.com",
        ...args,
      });
    const sessions = () => t.run(async (ctx) => (await ctx.db.query("contactSessions").collect()).length);
    return { t, owner: owner.as, organizationId, start, sessions };
  }

  const refused = (field: string, message: RegExp) => ({
    data: {
      code: "invalid_input",
      fields: expect.arrayContaining([{ field, message: expect.stringMatching(message) }]),
    },
  });

  const manyKeys = (count: number, value: string) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`key_${i}`, value]));

  it.each<[string, { name?: string; email?: string; metadata?: Record<string, string> }, string, RegExp]>([
    ["a NUL in the name", { name: "Zoë\u0000" }, "name", /control characters \(found U\+0000\)/],
    ["a C1 control in the name", { name: "Bob\u0085Smith" }, "name", /found U\+0085/],
    ["an escape sequence in the name", { name: "\u001b[31mAdmin" }, "name", /found U\+001B/],
    ["a line break in the name", { name: "Ann\nLee" }, "name", /found U\+000A/],
    ["a lone high surrogate in the name", { name: "Al\ud83dice" }, "name", /unpaired surrogate U\+D83D/],
    ["a NUL in the e-mail", { email: "a\u0000@example.com" }, "email", /found U\+0000/],
    ["a lone low surrogate in the e-mail", { email: "a\udc00@example.com" }, "email", /U\+DC00/],
    ["21 metadata keys", { metadata: manyKeys(21, "x") }, "metadata", /at most 20 keys \(has 21\)/],
    ["1,000 keys × 500 characters", { metadata: manyKeys(1000, "x".repeat(500)) }, "metadata", /at most 20/],
    ["a 41-character key", { metadata: { ["k".repeat(41)]: "x" } }, "metadata", /must be 1 to 40 characters/],
    ["a key with a space", { metadata: { "plan name": "pro" } }, "metadata", /key "plan name" must be/],
    // (Control characters and non-ASCII in keys never get this far: Convex refuses them in any record.)
    ["a key with a colon", { metadata: { "utm:source": "ad" } }, "metadata", /key "utm:source" must be/],
    ["a 201-character value", { metadata: { plan: "x".repeat(201) } }, "metadata.plan", /at most 200/],
    ["a control character in a value", { metadata: { plan: "pro\u0007" } }, "metadata.plan", /U\+0007/],
    ["a line break in a value", { metadata: { plan: "pro\nmax" } }, "metadata.plan", /U\+000A/],
    ["a lone surrogate in a value", { metadata: { page: "/cart\udfff" } }, "metadata.page", /U\+DFFF/],
  ])("starting a session with %s is refused and nothing is stored", async (_, args, field, message) => {
    const { start, sessions } = await shop();
    await expect(start(args)).rejects.toMatchObject(refused(field, message));
    expect(await sessions()).toBe(0);
  });

  it("real names, e-mails and metadata at the limits start a session, stored as given", async () => {
    const { t, start } = await shop();
    const metadata = {
      ...manyKeys(19, "ok"),
      ["A-Za-z0-9_.-".padEnd(40, "x")]: `Ünïcödé 👋🏽 ${"é".repeat(180)}`.slice(0, 200),
    };
    expect(Object.keys(metadata)).toHaveLength(20);
    const started = await start({ name: `  ${cleanName}  `, email: "Zoë.Ångström@Exämple.com", metadata });
    expect(started.sessionToken).toMatch(/^cs_/);
    const [stored] = await t.run((ctx) => ctx.db.query("contactSessions").collect());
    expect(stored).toMatchObject({ name: cleanName, email: "zoë.ångström@exämple.com", metadata });
  });

  it("messages: control characters and lone surrogates are refused; tabs, line breaks and emoji are not", async () => {
    const { t, start } = await shop();
    const { sessionToken } = await start({});
    const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
    // Escalated, so a valid message waits for a person and no agent turn is scheduled.
    await t.mutation(api.public.conversations.escalate, { sessionToken, conversationId });
    const send = (text: string) =>
      t.mutation(api.public.messages.send, { sessionToken, conversationId, text });
    for (const [text, message] of [
      ["where is\u0000 my order?", /found U\+0000/],
      ["\u001b]8;;https://evil.test\u0007click\u001b]8;;\u0007", /found U\+001B/],
      ["order\u0085 1001", /found U\+0085/],
      ["order\u007f 1001", /found U\+007F/],
      ["vertical\u000btab", /found U\+000B/],
      ["half an emoji \ud83d", /unpaired surrogate U\+D83D/],
      ["\udc4b the other half", /unpaired surrogate U\+DC4B/],
    ] as const) {
      await expect(send(text), JSON.stringify(text)).rejects.toMatchObject(refused("text", message));
    }
    expect((await send("Hi, I'm Zoë 👋🏽\n\tOrder 1001?\r\nThanks!")).agentWillReply).toBe(false);
    const { page: messages } = await t.query(api.public.messages.list, {
      sessionToken,
      conversationId,
      paginationOpts: page,
    });
    expect(messages.map((m) => m.text)).toEqual(["Hi, I'm Zoë 👋🏽\n\tOrder 1001?\nThanks!"]);
  });

  it("signing up: a control character or a lone surrogate in the name or e-mail is refused, a real name kept", async () => {
    const { t } = await shop();
    const signUp = (params: { email: string; name?: string }) =>
      t.action(api.auth.signIn, {
        provider: "password",
        params: { ...params, password: "correct horse", flow: "signUp" },
      });
    await expect(signUp({ email: "ada\u0000@shop.test" })).rejects.toMatchObject(refused("email", /U\+0000/));
    await expect(signUp({ email: "ada@shop.test", name: "Ada\u0008" })).rejects.toMatchObject(
      refused("name", /U\+0008/),
    );
    await expect(signUp({ email: "ada@shop.test", name: "Ada \udbff" })).rejects.toMatchObject(
      refused("name", /unpaired surrogate U\+DBFF/),
    );
    await signUp({ email: "zoe@shop.test", name: cleanName });
    const users = await t.run((ctx) => ctx.db.query("users").collect());
    expect(users.map((u) => [u.email, u.name])).toEqual([
      ["owner@shop.test", "owner"],
      ["zoe@shop.test", cleanName],
    ]);
  });

  it("members' text: organization names, operator replies and reasons, widget texts, named lookup descriptions", async () => {
    const { t, owner, organizationId, start } = await shop();
    await expect(
      owner.mutation(api.private.organizations.create, { name: "Evil\u0000Corp" }),
    ).rejects.toMatchObject(refused("name", /found U\+0000/));
    await expect(
      owner.mutation(api.private.organizations.rename, { organizationId, name: "Brightside\u009b" }),
    ).rejects.toMatchObject(refused("name", /found U\+009B/));
    await owner.mutation(api.private.organizations.rename, { organizationId, name: "Ångström & Zoë 🛍️" });
    expect((await t.run((ctx) => ctx.db.get(organizationId)))?.name).toBe("Ångström & Zoë 🛍️");

    const { sessionToken } = await start({});
    const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
    const conversation = { organizationId, conversationId };
    await expect(
      owner.mutation(api.private.conversations.reply, { ...conversation, text: "On it\u0000" }),
    ).rejects.toMatchObject(refused("text", /U\+0000/));
    await expect(
      owner.mutation(api.private.conversations.setStatus, {
        ...conversation,
        status: "escalated",
        reason: "VIP\ud800",
      }),
    ).rejects.toMatchObject(refused("reason", /unpaired surrogate/));
    await owner.mutation(api.private.conversations.reply, {
      ...conversation,
      text: "Hallo Zoë 🙂\nBis bald.",
    });

    const widget = { greeting: "Hej\u0007", suggestions: ["Où est ma commande ?", "Track\u0000"] };
    await expect(
      owner.mutation(api.private.widgetSettings.save, {
        organizationId,
        ...widget,
        primaryColor: "#2563eb",
        position: "bottom-right",
      }),
    ).rejects.toMatchObject({
      data: {
        code: "invalid_input",
        fields: [
          { field: "greeting", message: expect.stringMatching(/U\+0007/) },
          { field: "suggestions.1", message: expect.stringMatching(/U\+0000/) },
        ],
      },
    });

    const definition = {
      name: "order_status",
      description: "The status of one order,\u0000 by its number.",
      sql: "SELECT status FROM orders WHERE order_number = $1",
      parameters: [{ name: "order_number", type: "integer" as const, description: "The number\u001b" }],
    };
    await expect(
      owner.action(api.private.namedLookupActions.save, { organizationId, definition }),
    ).rejects.toMatchObject({
      data: {
        code: "invalid_input",
        fields: [
          { field: "description", message: expect.stringMatching(/U\+0000/) },
          { field: "parameters.0.description", message: expect.stringMatching(/U\+001B/) },
        ],
      },
    });
    expect(
      definitionProblems({
        ...definition,
        description: "Der Status einer Bestellung:\n\tnach Bestellnummer 📦",
        parameters: [{ name: "order_number", type: "integer", description: "Die Nummer, z. B. 1001" }],
      }),
    ).toEqual([]);
  });
});
