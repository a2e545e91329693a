"use client";

import type { ConvexReactClient } from "convex/react";
import { Loader2Icon } from "lucide-react";
import { useEffect, useState } from "react";

/**
 * Shown while a connection that worked is lost; the client retries by itself and every live query
 * resubscribes, so the banner goes away without a reload. A short grace period hides blips.
 */
export function ConnectionBanner({ client }: { client: ConvexReactClient }) {
  const [lost, setLost] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      const state = client.connectionState();
      const down = state.hasEverConnected && !state.isWebSocketConnected;
      clearTimeout(timer);
      if (down) timer = setTimeout(() => setLost(true), 800);
      else setLost(false);
    };
    update();
    const unsubscribe = client.subscribeToConnectionState(update);
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client]);
  if (!lost) return null;
  return (
    <div
      role="status"
      data-testid="reconnecting-banner"
      className="fixed inset-x-0 top-0 z-[60] flex items-center justify-center gap-2 bg-warning px-4 py-1.5 text-sm font-medium text-black"
    >
      <Loader2Icon className="size-4 animate-spin" />
      Connection to the backend lost — reconnecting. Your changes are kept and will be sent when it is back.
    </div>
  );
}
