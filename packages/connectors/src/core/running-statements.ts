/**
 * Console statements running in this process, by tag, each with the way to stop it (before it is
 * sent: a flag it checks; once sent: the Postgres protocol's CancelRequest for its connection). `cancelConsole` looks here first: it needs no second
 * session, so it also works on servers that serialize sessions (the embedded PGlite). A statement
 * running in another process is found through `pg_stat_activity` instead.
 */
const running = new Map<string, () => boolean>();

/** `cancel` returns false when it cannot stop the statement (an engine without a protocol cancel). */
export function trackRunning(tag: string, cancel: () => boolean): () => void {
  running.set(tag, cancel);
  return () => {
    if (running.get(tag) === cancel) running.delete(tag);
  };
}

/** Stops the statement tagged `tag` if it runs in this process and can be stopped; false otherwise. */
export function cancelRunningHere(tag: string): boolean {
  return running.get(tag)?.() ?? false;
}
