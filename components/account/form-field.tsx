import type * as React from "react";

import { useReadableMessage } from "@/components/i18n/use-translate";
import { Label } from "@/components/ui/label";

/** A label, one control and its message, wired for screen readers (aria-describedby on the control). */
export function FormField({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: React.ReactNode;
  error?: string;
  hint?: React.ReactNode;
  children: (describedBy: { "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const readable = useReadableMessage();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children({ "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined })}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {readable(error)}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
