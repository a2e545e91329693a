"use client";

import { Loader2Icon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { ErrorPanel } from "@/components/error-panel";
import { describedBy, Field } from "@/components/field";
import { errorInfo, type ErrorInfo } from "@/lib/errors";

/** The backend's codes are 8 digits (packages/backend/convex/accounts/verificationCode.ts). */
const CODE_PATTERN = /^\d{8}$/;

/**
 * The second step of sign-up (and of signing in to an account not verified yet): the code e-mailed to
 * `email`. `call` is the password provider's call with this browser's client token (auth-form.tsx);
 * it resolves true once signed in.
 */
export function VerifyEmailForm({
  email,
  call,
  onVerified,
  onBack,
}: {
  email: string;
  call: (params: Record<string, string>) => Promise<boolean>;
  onVerified: () => void;
  onBack: () => void;
}) {
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);
  const [resent, setResent] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = code.replace(/\s/g, "");
    if (!CODE_PATTERN.test(typed)) {
      setCodeError("Enter the 8-digit code from the e-mail.");
      return;
    }
    setPending(true);
    setFailure(null);
    try {
      if (await call({ email, code: typed, flow: "email-verification" })) onVerified();
      else
        setFailure({
          code: "error",
          message: "The code was not accepted; send a new one.",
          fields: {},
          retryable: true,
        });
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  const resend = async () => {
    setPending(true);
    setFailure(null);
    setResent(false);
    try {
      await call({ email, flow: "email-verification" });
      setResent(true);
      setCode("");
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Check your e-mail</CardTitle>
        <CardDescription>
          We sent an 8-digit code to <strong className="text-foreground">{email}</strong>. Enter it to confirm
          the address is yours. The code works once, for 15 minutes.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-4"
          onSubmit={(e) => void submit(e)}
          noValidate
          data-testid="verify-email-form"
        >
          <Field id="code" label="Verification code" error={codeError}>
            <Input
              {...describedBy("code", codeError, false)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              value={code}
              onChange={(event) => {
                setCode(event.target.value);
                if (codeError && CODE_PATTERN.test(event.target.value.replace(/\s/g, "")))
                  setCodeError(undefined);
              }}
              placeholder="12345678"
              className="font-mono tracking-widest"
              autoFocus
            />
          </Field>
          {failure && <ErrorPanel testId="verify-error" title="Verification failed" error={failure} />}
          {resent && !failure && (
            <p className="text-sm text-muted-foreground" role="status" data-testid="code-resent">
              A new code is on its way to {email}; earlier codes no longer work.
            </p>
          )}
          <Button type="submit" disabled={pending} data-testid="verify-submit">
            {pending && <Loader2Icon className="animate-spin" />}
            Verify e-mail
          </Button>
          <div className="flex items-center justify-between text-sm">
            <Button type="button" variant="link" className="h-auto p-0" onClick={onBack}>
              Use another e-mail
            </Button>
            <Button
              type="button"
              variant="link"
              className="h-auto p-0"
              disabled={pending}
              onClick={() => void resend()}
              data-testid="resend-code"
            >
              Send a new code
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
