import { Suspense } from "react";
import { ResetPasswordForm } from "@/components/reset-password-form";
import { readConvexSiteUrl } from "@/lib/client-token";

export const metadata = { title: "Reset your password" };

export default function ResetPasswordPage() {
  return (
    <Suspense>
      <ResetPasswordForm siteUrl={readConvexSiteUrl()} />
    </Suspense>
  );
}
