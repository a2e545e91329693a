"use client";

import { useConvexAuth } from "convex/react";
import { Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { ErrorPanel } from "@/components/error-panel";
import { describedBy, Field } from "@/components/field";
import { usePasswordCall } from "@/components/use-password-call";
import { errorInfo, type ErrorInfo } from "@/lib/errors";

const EmailSchema = z.string().trim().toLowerCase().email("Enter an e-mail address such as you@company.com.");
const ResetSchema = z.object({
  code: z.string().regex(/^\d{8}$/, "Enter the 8-digit code from the e-mail."),
  newPassword: z.string().min(8, "Use at least 8 characters."),
});

type Errors = Partial<Record<"email" | "code" | "newPassword", string>>;

/**
 * A forgotten password: the address first (the backend e-mails a code, and answers the same for an
 * address without an account), then the code with the new password, which signs in.
 */
export function ResetPasswordForm({ siteUrl }: { siteUrl: string | null }) {
  const call = usePasswordCall(siteUrl);
  const router = useRouter();
  const { isAuthenticated } = useConvexAuth();
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);
  const [signedIn, setSignedIn] = useState(false);

  useEffect(() => {
    if (signedIn && isAuthenticated) router.replace("/");
  }, [signedIn, isAuthenticated, router]);

  const run = async (work: () => Promise<void>) => {
    setPending(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  const requestCode = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = EmailSchema.safeParse(email);
    if (!parsed.success) {
      setErrors({ email: parsed.error.issues[0]?.message });
      return;
    }
    setErrors({});
    await run(async () => {
      await call({ email: parsed.data, flow: "reset" });
      setSentTo(parsed.data);
    });
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    if (sentTo === null) return;
    const parsed = ResetSchema.safeParse({ code: code.replace(/\s/g, ""), newPassword });
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues)
        found[issue.path[0] as "code" | "newPassword"] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    await run(async () => {
      if (await call({ email: sentTo, ...parsed.data, flow: "reset-verification" })) setSignedIn(true);
    });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Reset your password</CardTitle>
        <CardDescription>
          {sentTo === null ? (
            "Enter your account's e-mail address and we will send it a code."
          ) : (
            <>
              If <strong className="text-foreground">{sentTo}</strong> has an account, a code is on its way to
              it. Enter the code and your new password.
            </>
          )}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {sentTo === null ? (
          <form
            className="grid gap-4"
            onSubmit={(e) => void requestCode(e)}
            noValidate
            data-testid="reset-request-form"
          >
            <Field id="email" label="E-mail" error={errors.email}>
              <Input
                {...describedBy("email", errors.email, false)}
                type="email"
                autoComplete="email"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                placeholder="you@company.com"
                autoFocus
              />
            </Field>
            {failure && <ErrorPanel testId="reset-error" title="Could not send a code" error={failure} />}
            <Button type="submit" disabled={pending} data-testid="reset-request-submit">
              {pending && <Loader2Icon className="animate-spin" />}
              Send a code
            </Button>
          </form>
        ) : (
          <form className="grid gap-4" onSubmit={(e) => void reset(e)} noValidate data-testid="reset-form">
            <Field id="code" label="Code from the e-mail" error={errors.code}>
              <Input
                {...describedBy("code", errors.code, false)}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={12}
                value={code}
                onChange={(event) => setCode(event.target.value)}
                className="font-mono tracking-widest"
                autoFocus
              />
            </Field>
            <Field
              id="newPassword"
              label="New password"
              error={errors.newPassword}
              help="At least 8 characters."
            >
              <Input
                {...describedBy("newPassword", errors.newPassword)}
                type="password"
                autoComplete="new-password"
                value={newPassword}
                onChange={(event) => setNewPassword(event.target.value)}
              />
            </Field>
            {failure && <ErrorPanel testId="reset-error" title="Password not changed" error={failure} />}
            <Button type="submit" disabled={pending} data-testid="reset-submit">
              {pending && <Loader2Icon className="animate-spin" />}
              Set the new password
            </Button>
          </form>
        )}
        <p className="mt-4 text-center text-sm text-muted-foreground">
          Remembered it?{" "}
          <Link className="font-medium text-foreground underline-offset-4 hover:underline" href="/sign-in">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
