// The egress policy: every spelling of a non-public address is refused the same way, names are judged
// by what they resolve to, and sockets and fetch connect to the address that was checked.
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EGRESS_REFUSED_MESSAGE,
  checkedFetch,
  checkedSocket,
  isEgressRefused,
  nonPublicRange,
  resolveChecked,
  type Resolver,
} from "../src/index.ts";

/** A resolver that knows a few made-up names, like an attacker's DNS would answer. */
const fakeDns =
  (answers: Record<string, string[]>): Resolver =>
  (host) => {
    const found = answers[host];
    if (!found) return Promise.reject(Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" }));
    return Promise.resolve(found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
  };

describe("nonPublicRange", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.0.0.8", "private"],
    ["172.16.4.1", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["169.254.169.254", "linkLocal"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1%eth0", "linkLocal"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["fc00::1", "uniqueLocal"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["64:ff9b::7f00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
    ["[::1]", "loopback"],
  ])("%s is %s", (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each(["8.8.8.8", "52.95.110.1", "2606:4700:4700::1111"])("%s is public", (address) => {
    expect(nonPublicRange(address)).toBeNull();
  });
});

describe("resolveChecked", () => {
  // The system resolver reads these the way pg's net.connect would (inet_aton forms, /etc/hosts).
  it.each([
    "127.0.0.1",
    "localhost",
    "localhost.",
    "2130706433",
    "0x7f.1",
    "0x7f000001",
    "0177.0.0.1",
    "127.1",
    "[::1]",
    "::ffff:127.0.0.1",
    "[::ffff:7f00:1]",
    "0.0.0.0",
    "0",
    "169.254.169.254",
    "fd00:ec2::254",
    "100.64.0.1",
    "10.0.0.1",
  ])("refuses %s for a tenant, with the one message", async (host) => {
    const refused = await resolveChecked(host, "public_internet").then(
      () => null,
      (error: unknown) => error,
    );
    expect(isEgressRefused(refused)).toBe(true);
    expect((refused as Error).message).toBe(EGRESS_REFUSED_MESSAGE);
    expect((refused as Error).message).not.toContain(host);
  });

  it("lets an organization with the operator's grant reach a private address", async () => {
    await expect(resolveChecked("localhost", "private_networks")).resolves.toContainEqual(
      expect.objectContaining({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) }),
    );
  });

  it("judges a name by every address it resolves to", async () => {
    const dns = fakeDns({ "db.shop.example": ["52.95.110.1"], "mixed.example": ["52.95.110.1", "10.0.0.5"] });
    await expect(resolveChecked("db.shop.example", "public_internet", dns)).resolves.toEqual([
      { address: "52.95.110.1", family: 4 },
    ]);
    await expect(resolveChecked("mixed.example", "public_internet", dns)).rejects.toThrow(
      EGRESS_REFUSED_MESSAGE,
    );
  });

  it("reports a name that does not resolve as a DNS failure, not a refusal", async () => {
    const error = await resolveChecked("nowhere.invalid", "public_internet", fakeDns({})).catch(
      (e: unknown) => e,
    );
    expect(isEgressRefused(error)).toBe(false);
    expect(error).toMatchObject({ code: "ENOTFOUND" });
  });
});

describe("checkedSocket", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((socket) => socket.end("hello"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** What a connect attempt gets: the server's greeting, or the error. */
  function attempt(socket: ReturnType<typeof checkedSocket>, connect: () => void): Promise<string | Error> {
    return new Promise((resolve) => {
      let data = "";
      socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
      socket.on("end", () => resolve(data));
      socket.on("error", resolve);
      connect();
    });
  }

  it("refuses loopback in every form pg uses (port and host, options, socket path), open port or not", async () => {
    for (const connect of [
      (s: ReturnType<typeof checkedSocket>) => s.connect(port, "127.0.0.1"),
      (s: ReturnType<typeof checkedSocket>) => s.connect(port, "2130706433"),
      (s: ReturnType<typeof checkedSocket>) => s.connect({ port, host: "localhost" }),
      (s: ReturnType<typeof checkedSocket>) => s.connect(1, "127.0.0.1"),
      (s: ReturnType<typeof checkedSocket>) => s.connect("/var/run/postgresql/.s.PGSQL.5432"),
    ]) {
      const socket = checkedSocket("public_internet");
      const outcome = await attempt(socket, () => connect(socket));
      expect(isEgressRefused(outcome)).toBe(true);
      expect((outcome as Error).message).toBe(EGRESS_REFUSED_MESSAGE);
    }
  });

  it("connects to the address the check returned (a name only the checked resolver knows)", async () => {
    const socket = checkedSocket("private_networks", fakeDns({ "db.internal.example": ["127.0.0.1"] }));
    await expect(attempt(socket, () => socket.connect(port, "db.internal.example"))).resolves.toBe("hello");
  });

  it("re-checks at every connection: a name that rebinds to a private address is refused", async () => {
    let answer = "52.95.110.1";
    const rebinding: Resolver = () => Promise.resolve([{ address: answer, family: 4 }]);
    answer = "127.0.0.1";
    const socket = checkedSocket("public_internet", rebinding);
    const outcome = await attempt(socket, () => socket.connect(port, "rebind.example"));
    expect(isEgressRefused(outcome)).toBe(true);
  });
});

describe("checkedFetch", () => {
  let server: HttpServer;
  let base: string;
  beforeAll(async () => {
    server = createHttpServer((request, response) => {
      if (request.url === "/bounce") {
        response.writeHead(302, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
        response.end();
        return;
      }
      response.end("inside");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses private targets however the URL spells them", async () => {
    const port = new URL(base).port;
    for (const url of [
      base,
      `http://2130706433:${port}/`,
      `http://0x7f.1:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
    ]) {
      const error = await checkedFetch("public_internet")(url).catch((e: unknown) => e);
      expect(isEgressRefused(error), url).toBe(true);
    }
  });

  it("refuses a name that resolves to a private address, at connect time", async () => {
    const port = new URL(base).port;
    const fetchChecked = checkedFetch("public_internet", fakeDns({ "hooks.example": ["127.0.0.1"] }));
    const error = await fetchChecked(`http://hooks.example:${port}/`).catch((e: unknown) => e);
    expect(isEgressRefused(error)).toBe(true);
  });

  it("reaches a granted target, and never follows a redirect", async () => {
    const fetchGranted = checkedFetch("private_networks");
    await expect((await fetchGranted(base)).text()).resolves.toBe("inside");
    await expect(fetchGranted(`${base}/bounce`)).rejects.toThrow();
  });
});
