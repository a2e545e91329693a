"use client";

import { ExternalLinkIcon } from "lucide-react";
import { useState } from "react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@answerbase/ui/tabs";
import { CodeBlock } from "@/components/copy-button";
import { useOrganization } from "@/lib/organization";
import { usePublicUrls } from "@/lib/public-urls";

/** The snippets that load /widget.js for this organization. They hold no secret. */
export function embedSnippets(widgetUrl: string, organizationId: string) {
  const src = `${widgetUrl}/widget.js`;
  return {
    html: `<script src="${src}" data-organization-id="${organizationId}" async></script>`,
    react: `import { useEffect } from "react";

export function AnswerbaseWidget() {
  useEffect(() => {
    const script = document.createElement("script");
    script.src = "${src}";
    script.async = true;
    script.dataset.organizationId = "${organizationId}";
    document.body.appendChild(script);
    return () => {
      window.Answerbase?.destroy();
      script.remove();
    };
  }, []);
  return null;
}`,
    next: `// app/layout.tsx
import Script from "next/script";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <Script
          src="${src}"
          data-organization-id="${organizationId}"
          strategy="afterInteractive"
        />
      </body>
    </html>
  );
}`,
  };
}

export function EmbedSnippets() {
  const { organizationId } = useOrganization();
  const { widgetUrl, demoSiteUrl } = usePublicUrls();
  const [tab, setTab] = useState("html");
  const snippets = embedSnippets(widgetUrl, organizationId);
  return (
    <div className="grid gap-3">
      <Tabs value={tab} onValueChange={setTab}>
        <TabsList aria-label="Embed snippet for">
          <TabsTrigger value="html" data-testid="snippet-tab-html">
            HTML
          </TabsTrigger>
          <TabsTrigger value="react" data-testid="snippet-tab-react">
            React
          </TabsTrigger>
          <TabsTrigger value="next" data-testid="snippet-tab-next">
            Next.js
          </TabsTrigger>
        </TabsList>
        <TabsContent value="html">
          <CodeBlock code={snippets.html} title="Paste before </body> on every page" testId="snippet-html" />
        </TabsContent>
        <TabsContent value="react">
          <CodeBlock
            code={snippets.react}
            title="Render <AnswerbaseWidget /> once, e.g. in your App"
            testId="snippet-react"
          />
        </TabsContent>
        <TabsContent value="next">
          <CodeBlock code={snippets.next} title="In the root layout (next/script)" testId="snippet-next" />
        </TabsContent>
      </Tabs>
      <p className="text-xs text-muted-foreground">
        The widget is served from <span className="font-mono">{widgetUrl}</span>. For verified customers, call{" "}
        <span className="font-mono">Answerbase.identify({"{ email, name, signature }"})</span> with a
        signature made on your server (below); the secret itself never goes in these snippets.
      </p>
      {demoSiteUrl && (
        <a
          href={demoSiteUrl}
          target="_blank"
          rel="noreferrer"
          className="inline-flex w-fit items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline"
          data-testid="demo-site-link"
        >
          Open the demo shop with the widget <ExternalLinkIcon className="size-3.5" />
        </a>
      )}
    </div>
  );
}
