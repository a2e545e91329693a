import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalDev, type LocalDev } from "@answerbase/dev/start-local-dev";
import { callFunction } from "@answerbase/local-convex";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The knowledge-base document `startStack` uploads. */
export const FAQ = `# Returns and refunds

## Refund timing
Refunds are issued to the original payment method within 5 business days after we receive the return.
`;

export interface Stack {
  dev: LocalDev;
  stop(): Promise<void>;
}

/**
 * What `pnpm dev` starts (database, local cloud, the mail catcher, local-convex with the demo seed, the
 * widget's origin and the demo shop), on free ports with a throwaway state folder, plus one knowledge-base document.
 * EMBEDDING_MODEL=test keeps the embedding step fast on a small CI machine; `embeddingModel: "offline"`
 * runs the sentence encoder `pnpm dev` uses (the widget load bench).
 */
export async function startStack(
  options: {
    knowledgeBase?: boolean;
    embeddingModel?: "test" | "offline";
    /** More deployment environment (e.g. a short AUTH_TOKEN_LIFETIME_SECONDS). */
    deploymentEnv?: Record<string, string>;
  } = {},
): Promise<Stack> {
  const stateDir = mkdtempSync(path.join(tmpdir(), "answerbase-e2e-"));
  const dev = await startLocalDev(
    {
      ANSWERBASE_STATE_DIR: stateDir,
      LOCAL_CLOUD_HOST: "127.0.0.1",
      LOCAL_CLOUD_PORT: await freePort(),
      EMBEDDED_POSTGRES_PORT: await freePort(),
      DEMO_CRM_PORT: await freePort(),
      LOCAL_CONVEX_PORT: await freePort(),
      LOCAL_CONVEX_SITE_PORT: await freePort(),
    },
    {
      deploymentEnv: { EMBEDDING_MODEL: options.embeddingModel ?? "test", ...options.deploymentEnv },
      widgetEnv: {
        WIDGET_PORT: String(await freePort()),
        DEMO_SITE_PORT: String(await freePort()),
        MAIL_CATCHER_SMTP_PORT: String(await freePort()),
        MAIL_CATCHER_PORT: String(await freePort()),
      },
    },
  );
  const stop = async () => {
    await dev.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    if (options.knowledgeBase !== false) await addDocument(dev, "returns.md", FAQ);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dev, stop };
}

/** Retries while local-convex restarts (it reloads when packages/backend/convex changes). */
async function call(dev: LocalDev, name: string, args: Record<string, unknown>): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callFunction(dev.convex.target, name, args);
    } catch (error) {
      if (attempt >= 50 || !(error instanceof TypeError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Uploads a knowledge-base document and waits until it is indexed. */
export async function addDocument(dev: LocalDev, fileName: string, text: string): Promise<void> {
  const documentId = await call(dev, "system/documents:upload", {
    organizationId: dev.seed.organizationId,
    fileName,
    base64: Buffer.from(text).toString("base64"),
  });
  for (let i = 0; i < 600; i++) {
    const doc = (await call(dev, "system/documentRecords:get", { documentId })) as {
      status: { kind: string };
    } | null;
    if (doc?.status.kind === "ready") return;
    if (doc?.status.kind === "failed") throw new Error(`${fileName} failed to index: ${JSON.stringify(doc)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${fileName} was not indexed within 60 s`);
}
