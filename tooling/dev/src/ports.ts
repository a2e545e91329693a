import { createServer } from "node:net";
import { portError } from "@answerbase/local-cloud";

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
