import { Suspense } from "react";
import { AuthForm } from "@/components/auth-form";
import { readConvexSiteUrl } from "@/lib/client-token";

export const metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <Suspense>
      <AuthForm flow="signUp" siteUrl={readConvexSiteUrl()} />
    </Suspense>
  );
}
