import type { ReactNode } from "react";
import { ThemeToggle } from "@answerbase/ui/theme";
import { AuthGate } from "@/components/auth-gate";
import { Brand } from "@/components/brand";

/** A signed-in page outside the app shell (onboarding, an invitation): the brand above one centred column. */
export function CenteredPage({ children }: { children: ReactNode }) {
  return (
    <AuthGate>
      <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-muted/40 px-4 py-10">
        <div className="absolute top-4 right-4">
          <ThemeToggle />
        </div>
        <Brand />
        {children}
      </main>
    </AuthGate>
  );
}
