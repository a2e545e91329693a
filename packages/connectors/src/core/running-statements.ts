/**
 * Console statements running in this process, by tag, each with the way to stop it (before it is
 * sent: a flag it checks; once sent: the Postgres protocol's CancelRequest for its connection). `cancelConsole` looks here first: it needs no second
 * session, so it also works on servers that serialize sessions (the embedded PGlite). A statement
 * running in another process is found through `pg_stat_activity` instead.
 */
const running = new Map<string, () => void>();

export function trackRunning(tag: string, cancel: () => void): () => void {
  running.set(tag, cancel);
  return () => {
    if (running.get(tag) === cancel) running.delete(tag);
  };
}

/** Sends the cancel of the statement tagged `tag` if it runs in this process; false otherwise. */
export function cancelRunningHere(tag: string): boolean {
  const cancel = running.get(tag);
  if (cancel === undefined) return false;
  cancel();
  return true;
}
