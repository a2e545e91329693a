"use client";

import { useConvexAuth } from "convex/react";
import { Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { ErrorPanel } from "@/components/error-panel";
import { describedBy, Field } from "@/components/field";
import { retryAfterMs } from "@/lib/client-token";
import { authErrorMessage, type ErrorInfo } from "@/lib/errors";
import { usePasswordCall } from "@/components/use-password-call";
import { VerifyEmailForm } from "@/components/verify-email-form";

const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter an e-mail address such as you@company.com."),
  password: z.string().min(1, "Enter your password."),
});
const SignUpSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter your name: your teammates see it next to what you do.")
    .max(80, "Keep the name under 80 characters."),
  email: SignInSchema.shape.email,
  password: z.string().min(8, "Use at least 8 characters."),
});

type Values = { name: string; email: string; password: string };

/** Safe redirect target: only paths inside the dashboard. */
function nextPath(value: string | null): string {
  return value !== null && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

/** `siteUrl`: where this browser mints its client token (lib/client-token.ts); null = sign in without one. */
export function AuthForm({ flow, siteUrl }: { flow: "signIn" | "signUp"; siteUrl: string | null }) {
  const router = useRouter();
  const search = useSearchParams();
  const [values, setValues] = useState<Values>({ name: "", email: "", password: "" });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);
  const [signedIn, setSignedIn] = useState(false);
  // The address a code was e-mailed to: the form then asks for that code (verify-email-form.tsx).
  const [verifying, setVerifying] = useState<string | null>(null);
  // After `rate_limited`: when the backend accepts the next attempt, and a clock for the countdown.
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const { isAuthenticated } = useConvexAuth();
  const schema = flow === "signUp" ? SignUpSchema : SignInSchema;

  const validate = (next: Values) => {
    const parsed = schema.safeParse(next);
    const found: Partial<Record<keyof Values, string>> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Values;
        found[key] ??= issue.message;
      }
    }
    return found;
  };

  const set = (key: keyof Values) => (event: { target: { value: string } }) => {
    const next = { ...values, [key]: event.target.value };
    setValues(next);
    // Clear an error as soon as the field becomes valid; new errors wait for blur or submit.
    if (errors[key] && !validate(next)[key]) setErrors({ ...errors, [key]: undefined });
  };
  const blur = (key: keyof Values) => () => {
    if (values[key] !== "") setErrors({ ...errors, [key]: validate(values)[key] });
  };

  // `signIn` resolves once the tokens are stored; the backend confirms them a moment later (longer on a
  // busy machine, where it may ask for a refreshed token first). Leaving before then lands on a page that
  // sees "not signed in" and sends the user back here.
  useEffect(() => {
    if (signedIn && isAuthenticated) router.replace(nextPath(search.get("next")));
  }, [signedIn, isAuthenticated, router, search]);

  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= retryAt) setRetryAt(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  const waitSeconds = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));

  const callPassword = usePasswordCall(siteUrl);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setPending(true);
    setFailure(null);
    const email = values.email.trim().toLowerCase();
    try {
      const signingIn = await callPassword({
        email,
        password: values.password,
        flow,
        ...(flow === "signUp" ? { name: values.name.trim() } : {}),
      });
      if (signingIn) setSignedIn(true);
      else {
        setVerifying(email);
        setPending(false);
      }
    } catch (error) {
      const info = authErrorMessage(error, flow);
      setFailure(info);
      const wait = retryAfterMs(error);
      if (wait !== null) {
        setNow(Date.now());
        setRetryAt(Date.now() + wait);
      }
      if (/password/i.test(info.message) && info.code === "invalid_input")
        setErrors({ password: info.message });
      if (/e-mail/i.test(info.message) && info.code === "invalid_input") setErrors({ email: info.message });
      setPending(false);
    }
  };

  if (verifying !== null) {
    return (
      <VerifyEmailForm
        email={verifying}
        call={callPassword}
        onVerified={() => setSignedIn(true)}
        onBack={() => setVerifying(null)}
      />
    );
  }

  const other = flow === "signIn" ? "/sign-up" : "/sign-in";
  const keepNext = search.get("next") ? `?next=${encodeURIComponent(search.get("next") ?? "")}` : "";
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{flow === "signIn" ? "Sign in" : "Create your account"}</CardTitle>
        <CardDescription>
          {flow === "signIn"
            ? "Welcome back. Sign in to your organization's dashboard."
            : "Connect your database and answer customers from it in minutes."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate data-testid={`${flow}-form`}>
          {flow === "signUp" && (
            <Field id="name" label="Your name" error={errors.name}>
              <Input
                {...describedBy("name", errors.name, false)}
                aria-required
                autoComplete="name"
                value={values.name}
                onChange={set("name")}
                onBlur={blur("name")}
                placeholder="Ada Lovelace"
              />
            </Field>
          )}
          <Field id="email" label="E-mail" error={errors.email}>
            <Input
              {...describedBy("email", errors.email, false)}
              type="email"
              autoComplete="email"
              value={values.email}
              onChange={set("email")}
              onBlur={blur("email")}
              placeholder="you@company.com"
              autoFocus
            />
          </Field>
          <Field
            id="password"
            label="Password"
            error={errors.password}
            help={flow === "signUp" ? "At least 8 characters." : undefined}
          >
            <Input
              {...describedBy("password", errors.password, flow === "signUp")}
              type="password"
              autoComplete={flow === "signIn" ? "current-password" : "new-password"}
              value={values.password}
              onChange={set("password")}
              onBlur={blur("password")}
            />
          </Field>
          {failure && !errors.email && !errors.password && (
            <ErrorPanel
              testId="auth-error"
              title={flow === "signIn" ? "Sign-in failed" : "Sign-up failed"}
              error={failure}
            />
          )}
          <Button type="submit" disabled={pending || waitSeconds > 0} data-testid="auth-submit">
            {pending && <Loader2Icon className="animate-spin" />}
            {waitSeconds > 0
              ? `Try again in ${waitSeconds} s`
              : flow === "signIn"
                ? "Sign in"
                : "Create account"}
          </Button>
          {flow === "signIn" && (
            // After the submit button: Tab from the password goes to "Sign in" first.
            <Link
              className="justify-self-center text-sm text-muted-foreground underline-offset-4 hover:underline"
              href="/reset-password"
              data-testid="forgot-password"
            >
              Forgot your password?
            </Link>
          )}
          <p className="text-center text-sm text-muted-foreground">
            {flow === "signIn" ? "No account yet? " : "Already have an account? "}
            <Link
              className="font-medium text-foreground underline-offset-4 hover:underline"
              href={`${other}${keepNext}`}
            >
              {flow === "signIn" ? "Create one" : "Sign in"}
            </Link>
          </p>
        </form>
      </CardContent>
    </Card>
  );
}
