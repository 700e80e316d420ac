"use client";

import { AlertCircleIcon } from "lucide-react";
import { Slot } from "radix-ui";
import * as React from "react";

import { useTranslate } from "@/components/i18n/use-translate";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Label } from "@/components/ui/label";
import { translateMessage } from "@/lib/i18n/translatable";
import { cn } from "@/lib/utils";

/** What a field tells its control: the id its label points at, the texts that describe it, whether it is wrong. */
interface FieldWiring {
  controlId: string;
  describedBy: string | undefined;
  invalid: boolean;
}

const FieldContext = React.createContext<FieldWiring | null>(null);

/**
 * A form's error in the reader's words: the browser's own zod validation carries its messages as
 * catalog keys (lib/i18n/validation.ts); any other text or element is shown as it is.
 */
function useErrorText(): (error: React.ReactNode) => React.ReactNode {
  const t = useTranslate();
  return (error) => (typeof error === "string" ? translateMessage(t, error) : error);
}

/** The ids a field's description and error carry, joined for `aria-describedby` (only those shown). */
export function fieldDescribedBy(id: string, { description, error }: { description?: React.ReactNode; error?: React.ReactNode }) {
  const ids = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/**
 * One form field: its label, the control (wrapped in `FieldControl`), a description and its error, wired
 * for screen readers (the control is named by the label, described by both texts, `aria-invalid` on error).
 */
export function Field({
  id,
  label,
  description,
  error,
  aside,
  className,
  children,
}: {
  /** The control's id: the label points at it, the description and error ids derive from it. */
  id: string;
  label: React.ReactNode;
  description?: React.ReactNode;
  /** Why the value is refused; shown under the control and announced with it. */
  error?: React.ReactNode;
  /** Shown at the end of the label's line, e.g. a character count. */
  aside?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  const shownError = useErrorText()(error);
  const wiring: FieldWiring = { controlId: id, describedBy: fieldDescribedBy(id, { description, error }), invalid: Boolean(error) };
  return (
    <div data-slot="field" data-invalid={wiring.invalid || undefined} className={cn("space-y-1.5", className)}>
      {aside ? (
        <div className="flex items-baseline justify-between gap-2">
          <Label htmlFor={id}>{label}</Label>
          {aside}
        </div>
      ) : (
        <Label htmlFor={id}>{label}</Label>
      )}
      <FieldContext.Provider value={wiring}>{children}</FieldContext.Provider>
      {description ? (
        <p id={`${id}-description`} data-slot="field-description" className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} data-slot="field-error" className="text-sm text-destructive">
          {shownError}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Gives its one child (an Input, Textarea, SelectTrigger…) the field's id, `aria-describedby` and
 * `aria-invalid`; an `aria-describedby` passed here is kept alongside the field's own texts.
 */
export function FieldControl({ "aria-describedby": extraDescribedBy, ...props }: React.ComponentProps<typeof Slot.Root>) {
  const field = React.useContext(FieldContext);
  if (!field) throw new Error("FieldControl must be inside a Field.");
  const describedBy = [field.describedBy, extraDescribedBy].filter(Boolean).join(" ") || undefined;
  return (
    <Slot.Root
      data-slot="field-control"
      id={field.controlId}
      aria-describedby={describedBy}
      aria-invalid={field.invalid || undefined}
      {...props}
    />
  );
}

/** A failure of a form or dialog as a whole (not of one field), announced when it appears. */
export function FormError({ message, className }: { message: React.ReactNode; className?: string }) {
  const errorText = useErrorText();
  if (!message) return null;
  return (
    <Alert variant="destructive" className={className}>
      <AlertCircleIcon aria-hidden="true" />
      <AlertDescription>{errorText(message)}</AlertDescription>
    </Alert>
  );
}
