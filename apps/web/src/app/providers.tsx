"use client";

import { ConvexAuthProvider } from "@convex-dev/auth/react";
import { ConvexReactClient } from "convex/react";
import type { ReactNode } from "react";
import { Toaster } from "@answerbase/ui/sonner";
import { ThemeProvider } from "@answerbase/ui/theme";
import { ConnectionBanner } from "@/components/connection-banner";
import { CONVEX_URL } from "@/lib/env";

// One client for the page's lifetime: it keeps the WebSocket, reconnects and resubscribes by itself.
const convex = new ConvexReactClient(CONVEX_URL);

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider>
      <ConvexAuthProvider client={convex}>
        <ConnectionBanner client={convex} />
        {children}
        <Toaster position="bottom-right" />
      </ConvexAuthProvider>
    </ThemeProvider>
  );
}
