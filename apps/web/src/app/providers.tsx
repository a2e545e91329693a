"use client";

import { ConvexAuthProvider } from "@convex-dev/auth/react";
import { ConvexReactClient } from "convex/react";
import { useState, type ReactNode } from "react";
import { Toaster } from "@answerbase/ui/sonner";
import { ThemeProvider } from "@answerbase/ui/theme";
import { ConnectionBanner } from "@/components/connection-banner";
import { PublicUrlsContext, type PublicUrls } from "@/lib/public-urls";

export function Providers({
  convexUrl,
  urls,
  children,
}: {
  convexUrl: string;
  urls: PublicUrls;
  children: ReactNode;
}) {
  // One client for the page's lifetime: it keeps the WebSocket, reconnects and resubscribes by itself.
  const [convex] = useState(() => new ConvexReactClient(convexUrl));
  return (
    <ThemeProvider>
      <ConvexAuthProvider client={convex}>
        <ConnectionBanner client={convex} />
        <PublicUrlsContext.Provider value={urls}>{children}</PublicUrlsContext.Provider>
        <Toaster position="bottom-right" />
      </ConvexAuthProvider>
    </ThemeProvider>
  );
}
