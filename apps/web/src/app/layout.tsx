import type { Metadata } from "next";
import type { ReactNode } from "react";
import { themeScript } from "@answerbase/ui/theme";
import { readConvexSiteUrl } from "@/lib/client-token";
import { readConvexUrl, readDemoSiteUrl, readWidgetUrl } from "@/lib/env";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Answerbase", template: "%s · Answerbase" },
  description: "Answer your customers from your own database first.",
};

// Rendered per request so the Convex and widget URLs come from the server's environment, not the build.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen">
        <Providers
          convexUrl={readConvexUrl()}
          urls={{ widgetUrl: readWidgetUrl(), demoSiteUrl: readDemoSiteUrl(), apiUrl: readConvexSiteUrl() }}
        >
          {children}
        </Providers>
      </body>
    </html>
  );
}
