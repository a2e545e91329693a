import type { RedshiftDataClient } from "@aws-sdk/client-redshift-data";

/**
 * GetStatementResult sends 64-bit integers as JSON numbers (`"longValue":9007199254740993`), and the
 * SDK's JSON.parse rounds every one beyond 2^53. This rewrites those — and only those — to
 * `"stringValue":"9007199254740993"` in the raw body before the SDK parses it, so int8 values reach
 * values.ts exact, as the Postgres connectors read them.
 *
 * Safe on JSON text: inside a JSON string every `"` is escaped, so `"longValue":` followed by digits
 * can only be a member name and its number.
 */
export function preserveLongValues(json: string): string {
  return json.replace(/"longValue"\s*:\s*(-?\d{16,})(?=\s*[,}])/g, (member, digits: string) =>
    Number.isSafeInteger(Number(digits)) ? member : `"stringValue":"${digits}"`,
  );
}

interface RawResponse {
  statusCode?: number;
  body?: unknown;
}

/**
 * Adds the rewrite to the client's GetStatementResult responses: a middleware in the deserialize step
 * below the SDK's deserializer, so it sees the raw body first and hands the SDK the rewritten bytes.
 */
export function keepLongValuesExact(client: RedshiftDataClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const response = result.response as RawResponse | undefined;
      if (
        context.commandName !== "GetStatementResultCommand" ||
        response?.statusCode !== 200 ||
        !isAsyncIterable(response.body)
      ) {
        return result;
      }
      const chunks: Uint8Array[] = [];
      for await (const chunk of response.body)
        chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : (chunk as Uint8Array));
      const text = new TextDecoder().decode(concat(chunks));
      response.body = new TextEncoder().encode(preserveLongValues(text));
      return result;
    },
    { step: "deserialize", name: "keepLongValuesExact", priority: "low" },
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
