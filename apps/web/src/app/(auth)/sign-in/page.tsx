import { Suspense } from "react";
import { AuthForm } from "@/components/auth-form";
import { readConvexSiteUrl } from "@/lib/client-token";

export const metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <Suspense>
      <AuthForm flow="signIn" siteUrl={readConvexSiteUrl()} />
    </Suspense>
  );
}
