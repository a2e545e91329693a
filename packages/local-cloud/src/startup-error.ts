/**
 * A start-up failure the user fixes from its message alone (a busy port, a bad setting), so `pnpm dev`
 * prints the message and no stack trace.
 */
export class StartupError extends Error {
  override name = "StartupError";
}
