// The PGlite side of the embedded Postgres, run in a worker thread so the main thread can stop a
// statement that never ends (worker.terminate() interrupts WASM) and reopen the data folder.
// Plain JavaScript: Node 20 cannot load a TypeScript worker under Vitest or tsx's parent loader.
// Protocol with the main thread (see pglite-thread.ts):
//   in:  {type: "exec", messages: Uint8Array[], startup?: boolean} | {type: "close"}
//   out: {type: "ready"} | {type: "data", chunk} | {type: "done", chunk?, status, timeoutMs}
//        | {type: "failed", message} | {type: "closed"}
// A batch is the messages of one cycle the client has sent (up to Sync or Query): one round trip
// between the threads per cycle instead of one per message. Output goes back in one piece unless it
// grows past FLUSH_BYTES (large results stream).
import { TextDecoder } from "node:util";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const READY_FOR_QUERY = 0x5a; // 'Z', always the last message of a cycle: 'Z', int32 5, status
const QUERY = 0x51; // 'Q'
const PARSE = 0x50; // 'P'
// A statement whose text mentions one of these may change the session's statement_timeout.
const TIMEOUT_WORDS = /statement_timeout|reset|discard/i;
const FLUSH_BYTES = 64 * 1024;
const decoder = new TextDecoder();

/** @type {{dataDir: string, abortedTransaction: boolean}} */
const options = workerData;
const port = parentPort;
if (!port) throw new Error("pglite-worker.mjs runs only as a worker thread");

const db = await PGlite.create({ dataDir: options.dataDir });
if (options.abortedTransaction) {
  // The statement stopped by the main thread ran inside a transaction: on a real server that
  // transaction is now aborted (25P02 until ROLLBACK), so the reopened session starts in one too.
  await db.exec("BEGIN");
  await db.exec("SELECT 1/0").catch(() => undefined);
}

let timeoutMs = 0;
let timeoutStale = true;
let timeoutReadInTransaction = false;

/** Reads the session's statement_timeout (ms) when it may have changed; PGlite itself ignores it. */
async function refreshTimeout(status) {
  const stale = timeoutStale || (status === "I" && timeoutReadInTransaction);
  if (!stale || status === "E") return; // an aborted transaction refuses queries until it ends
  const result = await db.query(
    "SELECT setting::int AS ms FROM pg_settings WHERE name = 'statement_timeout'",
  );
  timeoutMs = Number(result.rows[0]?.ms ?? 0);
  timeoutStale = false;
  timeoutReadInTransaction = status !== "I";
}

async function exec(messages, startup) {
  let output = [];
  let outputBytes = 0;
  const flush = () => {
    const chunk = concat(output, outputBytes);
    output = [];
    outputBytes = 0;
    return chunk;
  };
  let tail = new Uint8Array(0);
  for (const message of messages) {
    const type = message[0];
    // Startup messages carry options; Query and Parse carry SQL.
    if ((startup || type === QUERY || type === PARSE) && TIMEOUT_WORDS.test(decoder.decode(message))) {
      timeoutStale = true;
    }
    await db.execProtocolRawStream(message, {
      onRawData(data) {
        const chunk = data.slice(); // data may be a view of WASM memory
        tail = chunk.length >= 6 ? chunk.slice(chunk.length - 6) : concatTail(tail, chunk);
        output.push(chunk);
        outputBytes += chunk.length;
        if (outputBytes >= FLUSH_BYTES) {
          const large = flush();
          port.postMessage({ type: "data", chunk: large }, [large.buffer]);
        }
      },
    });
  }
  const endsWithReady = tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[4] === 5;
  const status = endsWithReady ? String.fromCharCode(tail[5]) : undefined;
  if (status) await refreshTimeout(status);
  const chunk = outputBytes > 0 ? flush() : undefined;
  port.postMessage({ type: "done", chunk, status, timeoutMs }, chunk ? [chunk.buffer] : []);
}

function concat(chunks, length) {
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

function concatTail(previous, chunk) {
  const joined = new Uint8Array(previous.length + chunk.length);
  joined.set(previous);
  joined.set(chunk, previous.length);
  return joined.slice(Math.max(0, joined.length - 6));
}

port.on("message", (request) => {
  if (request.type === "exec") {
    exec(request.messages, request.startup === true).catch((error) => {
      port.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    });
  } else if (request.type === "close") {
    // Closing checkpoints, so the next open needs no recovery.
    db.close().then(
      () => port.postMessage({ type: "closed" }),
      (error) => port.postMessage({ type: "failed", message: String(error) }),
    );
  }
});
port.postMessage({ type: "ready" });
