"use client";

import { api } from "@answerbase/backend/api";
import {
  HEX_COLOR,
  MAX_GREETING_LENGTH,
  MAX_SUGGESTION_LENGTH,
  MAX_SUGGESTIONS,
} from "@answerbase/backend/shared/widgetSettings";
import { useMutation, useQuery } from "convex/react";
import { SaveIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { ChoiceButtons } from "@/components/choice-buttons";
import { ErrorPanel } from "@/components/error-panel";
import { Field, TextareaField } from "@/components/field";
import { AddButton, Form, SubmitButton } from "@/components/form";
import { WidgetPreview } from "@/components/widget/widget-preview";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

export type Position = "bottom-right" | "bottom-left";
export interface WidgetSettings {
  greeting: string;
  suggestions: string[];
  primaryColor: string;
  position: Position;
}
type Errors = Partial<Record<"greeting" | "suggestions" | "primaryColor", string>>;

const POSITIONS = [
  { value: "bottom-right", label: "Bottom right" },
  { value: "bottom-left", label: "Bottom left" },
] as const;

/** The same checks as the backend, so most mistakes are shown before a round trip. */
function check(s: WidgetSettings): Errors {
  const errors: Errors = {};
  const greeting = s.greeting.trim();
  if (greeting.length < 1) errors.greeting = `Write a greeting (1 to ${MAX_GREETING_LENGTH} characters).`;
  else if (greeting.length > MAX_GREETING_LENGTH)
    errors.greeting = `At most ${MAX_GREETING_LENGTH} characters (now ${greeting.length}).`;
  const suggestions = s.suggestions.map((x) => x.trim()).filter((x) => x !== "");
  if (suggestions.length > MAX_SUGGESTIONS) errors.suggestions = `At most ${MAX_SUGGESTIONS} suggestions.`;
  else if (suggestions.some((x) => x.length > MAX_SUGGESTION_LENGTH))
    errors.suggestions = `Each suggestion is at most ${MAX_SUGGESTION_LENGTH} characters.`;
  if (!HEX_COLOR.test(s.primaryColor.trim()))
    errors.primaryColor = "Use a hex colour like #2563eb (# and six digits 0-9, a-f).";
  return errors;
}

/** Loads the saved settings (or the defaults), then the form keeps its own copy while editing. */
export function WidgetSettingsSection() {
  const { organizationId } = useOrganization();
  const saved = useQuery(api.private.widgetSettings.get, { organizationId });
  if (saved === undefined)
    return (
      <div
        className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
        data-testid="widget-settings-loading"
      >
        <Skeleton className="h-96 w-full" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  return <SettingsForm initial={saved} />;
}

function SettingsForm({ initial }: { initial: WidgetSettings }) {
  const { organizationId } = useOrganization();
  const save = useMutation(api.private.widgetSettings.save);
  const [greeting, setGreeting] = useState(initial.greeting);
  const [suggestions, setSuggestions] = useState<string[]>(initial.suggestions);
  const [primaryColor, setPrimaryColor] = useState(initial.primaryColor);
  const [position, setPosition] = useState<Position>(initial.position);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);

  const current: WidgetSettings = { greeting, suggestions, primaryColor, position };
  const colorValid = HEX_COLOR.test(primaryColor.trim());

  const submit = async () => {
    const next = check(current);
    setErrors(next);
    setFailure(null);
    if (Object.keys(next).length > 0) return;
    setPending(true);
    try {
      const result = await save({
        organizationId,
        greeting: greeting.trim(),
        suggestions: suggestions.map((s) => s.trim()).filter((s) => s !== ""),
        primaryColor: primaryColor.trim(),
        position,
      });
      setGreeting(result.greeting);
      setSuggestions(result.suggestions);
      setPrimaryColor(result.primaryColor);
      toast.success("Widget settings saved: visitors see them on their next page load.");
    } catch (error) {
      const info = errorInfo(error);
      if (Object.keys(info.fields).length > 0) {
        setErrors({
          ...(info.fields.greeting ? { greeting: `The greeting ${info.fields.greeting}.` } : {}),
          ...(info.fields.suggestions ? { suggestions: `Suggestions: ${info.fields.suggestions}.` } : {}),
          ...(info.fields.primaryColor ? { primaryColor: `The colour ${info.fields.primaryColor}.` } : {}),
        });
      } else setFailure(info);
    } finally {
      setPending(false);
    }
  };

  const setSuggestion = (index: number, value: string) =>
    setSuggestions((list) => list.map((s, i) => (i === index ? value : s)));

  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Card>
        <CardHeader>
          <CardTitle>Appearance</CardTitle>
          <CardDescription>What every visitor sees on your site before they type.</CardDescription>
        </CardHeader>
        <CardContent>
          <Form className="grid gap-5" onSubmit={submit} data-testid="widget-settings-form">
            <TextareaField
              id="widget-greeting"
              label="Greeting"
              error={errors.greeting}
              help={`The first message in the panel; ${greeting.trim().length}/${MAX_GREETING_LENGTH} characters.`}
              rows={3}
              value={greeting}
              onChange={(e) => setGreeting(e.target.value)}
            />

            <div className="grid gap-1.5">
              <span className="text-sm font-medium">Suggested questions</span>
              <div className="grid gap-2" data-testid="widget-suggestions">
                {suggestions.map((s, i) => (
                  <div key={i} className="flex gap-2">
                    <Input
                      value={s}
                      aria-label={`Suggestion ${i + 1}`}
                      aria-invalid={errors.suggestions ? true : undefined}
                      onChange={(e) => setSuggestion(i, e.target.value)}
                      maxLength={200}
                      data-testid={`widget-suggestion-${i}`}
                    />
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove suggestion ${i + 1}`}
                      onClick={() => setSuggestions((list) => list.filter((_, j) => j !== i))}
                    >
                      <XIcon />
                    </Button>
                  </div>
                ))}
                {suggestions.length < MAX_SUGGESTIONS && (
                  <AddButton
                    onClick={() => setSuggestions((list) => [...list, ""])}
                    testId="widget-suggestion-add"
                  >
                    Add a suggestion
                  </AddButton>
                )}
              </div>
              {errors.suggestions ? (
                <p className="text-sm text-destructive" data-testid="widget-suggestions-error">
                  {errors.suggestions}
                </p>
              ) : (
                <p className="text-xs text-muted-foreground">
                  Up to {MAX_SUGGESTIONS} buttons a visitor can click instead of typing,{" "}
                  {MAX_SUGGESTION_LENGTH} characters each; empty ones are dropped.
                </p>
              )}
            </div>

            <Field
              id="widget-color"
              label="Colour"
              error={errors.primaryColor}
              help="The launcher's and the panel's accent colour."
            >
              <div className="flex items-center gap-2">
                <input
                  type="color"
                  aria-label="Pick a colour"
                  className="h-9 w-12 cursor-pointer rounded-md border bg-transparent p-1"
                  value={colorValid ? primaryColor.trim().toLowerCase() : initial.primaryColor}
                  onChange={(e) => setPrimaryColor(e.target.value)}
                  data-testid="widget-color-picker"
                />
                <Input
                  id="widget-color"
                  className="w-36 font-mono"
                  value={primaryColor}
                  aria-invalid={errors.primaryColor ? true : undefined}
                  onChange={(e) => setPrimaryColor(e.target.value)}
                  placeholder="#2563eb"
                  data-testid="widget-color"
                />
              </div>
            </Field>

            <ChoiceButtons
              label="Position"
              options={POSITIONS}
              value={position}
              onChange={setPosition}
              hint="The corner of the page the launcher sits in."
              testId="widget-position"
            />

            {failure && (
              <ErrorPanel title="The settings were not saved" error={failure} testId="widget-save-error" />
            )}
            <div>
              <SubmitButton pending={pending} icon={SaveIcon} data-testid="widget-save">
                Save settings
              </SubmitButton>
            </div>
          </Form>
        </CardContent>
      </Card>
      <Card className="xl:sticky xl:top-6">
        <CardHeader>
          <CardTitle>Preview</CardTitle>
          <CardDescription>
            A sketch of the launcher and the open panel with these settings (not saved yet).
          </CardDescription>
        </CardHeader>
        <CardContent>
          <WidgetPreview
            greeting={greeting.trim() || "…"}
            suggestions={suggestions
              .map((s) => s.trim())
              .filter((s) => s !== "")
              .slice(0, MAX_SUGGESTIONS)}
            color={colorValid ? primaryColor.trim() : initial.primaryColor}
            position={position}
          />
        </CardContent>
      </Card>
    </div>
  );
}
