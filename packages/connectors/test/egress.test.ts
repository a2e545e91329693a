// A tenant without the operator's grant cannot reach this machine's databases through any connector
// that takes a host, in any spelling, and cannot tell an open port from a closed one: every refusal is
// the same forbidden_network error, given before a byte is sent.
import { createServer, type AddressInfo, type Server } from "node:net";
import { EGRESS_REFUSED_MESSAGE } from "@answerbase/egress";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectorEnvironment } from "../src/environment.ts";
import { createConnector } from "../src/create-connector.ts";
import { ConnectorError } from "../src/core/errors.ts";

let stack: TestCloud;
/** A listener that counts connections: a refused target must never be connected to. */
let tripwire: Server;
let tripwirePort: number;
let connectionsSeen = 0;

beforeAll(async () => {
  stack = await startTestCloud();
  tripwire = createServer((socket) => {
    connectionsSeen += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => tripwire.listen(0, "127.0.0.1", resolve));
  tripwirePort = (tripwire.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => tripwire.close(() => resolve()));
  await stack?.stop();
});

/** The demo database's URL with another host (and optionally port). */
function withHost(host: string, port?: number): string {
  const url = new URL(stack.demo.connectionString);
  return `postgresql://${url.username}:${url.password}@${host}:${port ?? url.port}${url.pathname}`;
}

const SPELLINGS = [
  "127.0.0.1",
  "localhost",
  "2130706433",
  "0x7f.1",
  "0177.0.0.1",
  "127.1",
  "[::1]",
  "[::ffff:127.0.0.1]",
];

const environments = (): Record<string, ConnectorEnvironment> => ({
  postgres: {},
  "redshift (direct)": {},
  // The local cloud is the platform's own Neon endpoint; the tenant's host is what gets checked.
  neon: { neon: { fetchEndpoint: stack.cloud.endpoints.neonHttp } },
});

describe.each(["postgres", "redshift (direct)", "neon"])("%s without the private-network grant", (name) => {
  const provider = name === "redshift (direct)" ? "redshift" : name;

  async function refusal(connectionString: string): Promise<ConnectorError> {
    const connector = createConnector({ provider, connectionString }, environments()[name]);
    try {
      const error = await connector.test({ timeoutMs: 3_000 }).then(
        () => new Error("connected"),
        (e: unknown) => e,
      );
      return error as ConnectorError;
    } finally {
      await connector.close();
    }
  }

  it.each(SPELLINGS)("refuses the demo database at %s", async (host) => {
    const error = await refusal(withHost(host));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      code: "forbidden_network",
      retryable: false,
      message: EGRESS_REFUSED_MESSAGE,
    });
  });

  it("gives the same answer for an open port, a closed port and a listening non-database port", async () => {
    const before = connectionsSeen;
    const answers = await Promise.all(
      [
        withHost("127.0.0.1"),
        withHost("127.0.0.1", 1),
        withHost("127.0.0.1", tripwirePort),
        withHost("169.254.169.254", 80),
      ].map(async (url) => {
        const error = await refusal(url);
        return `${error.code}: ${error.message}`;
      }),
    );
    expect(new Set(answers)).toEqual(new Set([`forbidden_network: ${EGRESS_REFUSED_MESSAGE}`]));
    expect(connectionsSeen).toBe(before);
  });
});

it("the same demo database answers once the operator grants private networks", async () => {
  const connector = createConnector(
    { provider: "postgres", connectionString: withHost("localhost") },
    { network: "private_networks" },
  );
  try {
    await expect(connector.test({ timeoutMs: 5_000 })).resolves.toMatchObject({
      serverVersion: expect.any(String),
    });
  } finally {
    await connector.close();
  }
});
