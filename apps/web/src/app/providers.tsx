"use client";

import { ConvexAuthProvider } from "@convex-dev/auth/react";
import { ConvexReactClient } from "convex/react";
import { useState, type ReactNode } from "react";
import { Toaster } from "@answerbase/ui/sonner";
import { ThemeProvider } from "@answerbase/ui/theme";
import { ConnectionBanner } from "@/components/connection-banner";

export function Providers({ convexUrl, children }: { convexUrl: string; children: ReactNode }) {
  // One client for the page's lifetime: it keeps the WebSocket, reconnects and resubscribes by itself.
  const [convex] = useState(() => new ConvexReactClient(convexUrl));
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
