import { useEffect, useRef, type UIEventHandler } from "react";

/**
 * Keeps a scrolling log at its bottom while it grows (new messages, a reply being written), but only
 * while the reader is there: someone who scrolled up to read is never pulled away.
 */
export function useFollowBottom<T extends HTMLElement>(growth: unknown) {
  const ref = useRef<T>(null);
  const atBottom = useRef(true);
  const onScroll: UIEventHandler<T> = (event) => {
    const element = event.currentTarget;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
  };
  useEffect(() => {
    if (atBottom.current) ref.current?.scrollTo({ top: ref.current.scrollHeight });
  }, [growth]);
  return { ref, onScroll };
}
