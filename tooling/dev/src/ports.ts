import { createServer } from "node:net";
import { portError, StartupError } from "@answerbase/local-cloud";

/**
 * Fails with the same one-line StartupError as the local cloud when `port` is taken. Checked before
 * local-convex starts, because its dev supervisor keeps running after its server fails to listen, and
 * another process answering on the port must not be mistaken for it.
 */
export function assertPortFree(host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error) => reject(portError(error, variable, port)));
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** The widget's origin (widget.js and the iframe app) and the demo shop page, on two more ports. */
export const DEFAULT_WIDGET_PORT = 3300;
export const DEFAULT_DEMO_SITE_PORT = 3301;
/** The mail catcher's SMTP port and its page (the ports MailHog and MailDev use, so tools find it). */
export const DEFAULT_MAIL_CATCHER_SMTP_PORT = 1025;
export const DEFAULT_MAIL_CATCHER_PORT = 1080;

/**
 * The port named by `variable` in `env` (which must then be free), or `fallback` when free, or any
 * free port: an unset default that is busy (another `pnpm dev`, a test) is not worth failing for.
 */
export async function choosePort(
  host: string,
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: number,
): Promise<number> {
  const given = env[variable]?.trim();
  if (given) {
    const port = Number(given);
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new StartupError(`${variable} must be a port number (1-65535), got "${given}".`);
    await assertPortFree(host, port, variable);
    return port;
  }
  try {
    await assertPortFree(host, fallback, variable);
    return fallback;
  } catch {
    return await new Promise((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, host, () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
  }
}
