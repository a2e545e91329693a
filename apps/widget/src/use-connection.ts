import type { ConvexReactClient } from "convex/react";
import { useEffect, useState } from "react";

/** "reconnecting" once a connection that worked is lost, until the client is connected again. */
export function useConnection(client: ConvexReactClient): "connected" | "connecting" | "reconnecting" {
  const [state, setState] = useState(() => client.connectionState());
  useEffect(() => client.subscribeToConnectionState(setState), [client]);
  if (state.isWebSocketConnected) return "connected";
  return state.hasEverConnected ? "reconnecting" : "connecting";
}
