import type { ReactNode } from "react";
import { ThemeToggle } from "@answerbase/ui/theme";
import { Brand } from "@/components/brand";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-muted/40 px-4 py-10">
      <div className="absolute top-4 right-4">
        <ThemeToggle />
      </div>
      <Brand />
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
