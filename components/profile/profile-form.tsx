"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2Icon, SaveIcon, Undo2Icon } from "lucide-react";
import { Controller, type UseFormReturn, useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { type ProfileFormValues, profileFormSchema } from "@/lib/actions/profile.schema";
import { cn } from "@/lib/utils";
import { PROFILE_LIMITS } from "@/lib/whatsapp/profile";
import { VERTICAL_OPTIONS } from "@/lib/whatsapp/verticals";

export type ProfileForm = UseFormReturn<ProfileFormValues>;

export function useProfileForm(values: ProfileFormValues): ProfileForm {
  return useForm<ProfileFormValues>({ resolver: zodResolver(profileFormSchema), defaultValues: values, mode: "onChange" });
}

type FieldName = "about" | "address" | "description" | "email" | "websites.0" | "websites.1";

function Field({
  form,
  name,
  label,
  limit,
  hint,
  multiline,
  rows,
  type = "text",
  placeholder,
  disabled,
  readOnly,
}: {
  form: ProfileForm;
  name: FieldName;
  label: string;
  limit: number;
  hint?: string;
  multiline?: boolean;
  rows?: number;
  type?: string;
  placeholder?: string;
  disabled: boolean;
  /** View-only (not an admin): legible, focusable, not editable. */
  readOnly: boolean;
}) {
  const id = `profile-${name.replace(".", "-")}`;
  const value = (form.watch(name) as string | undefined) ?? "";
  const length = [...value].length;
  const error = name.startsWith("websites.")
    ? form.formState.errors.websites?.[Number(name.split(".")[1])]?.message
    : form.formState.errors[name as "about"]?.message;
  const over = length > limit;
  const describedBy = [`${id}-count`, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const common = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    disabled,
    readOnly,
    placeholder: readOnly ? undefined : placeholder,
    ...form.register(name),
  };
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        <span id={`${id}-count`} aria-live="polite" className={cn("text-xs tabular-nums text-muted-foreground", over && "font-medium text-destructive")}>
          {length}/{limit}
          <span className="sr-only"> characters</span>
        </span>
      </div>
      {multiline ? <Textarea rows={rows ?? 3} {...common} /> : <Input type={type} {...common} />}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The profile's text fields with their limits counted as you type; read-only for everyone but admins. */
export function ProfileFormFields({
  form,
  canEdit,
  saving,
  onSubmit,
  changedCount,
}: {
  form: ProfileForm;
  canEdit: boolean;
  saving: boolean;
  onSubmit: (values: ProfileFormValues) => void;
  changedCount: number;
}) {
  const disabled = canEdit && saving;
  const readOnly = !canEdit;
  const verticalError = form.formState.errors.vertical?.message;
  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} aria-label="Business profile" className="space-y-5">
      <Field form={form} name="about" label="About" limit={PROFILE_LIMITS.about} hint="The short status under your name. Required." disabled={disabled} readOnly={readOnly} />
      <Field form={form} name="description" label="Description" limit={PROFILE_LIMITS.description} multiline rows={4} disabled={disabled} readOnly={readOnly} />
      <Field form={form} name="address" label="Address" limit={PROFILE_LIMITS.address} multiline rows={2} disabled={disabled} readOnly={readOnly} />
      <Field form={form} name="email" label="Email" limit={PROFILE_LIMITS.email} type="email" placeholder="hello@example.com" disabled={disabled} readOnly={readOnly} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field form={form} name="websites.0" label="Website 1" limit={PROFILE_LIMITS.website} type="url" placeholder="https://example.com" disabled={disabled} readOnly={readOnly} />
        <Field form={form} name="websites.1" label="Website 2" limit={PROFILE_LIMITS.website} type="url" placeholder="https://instagram.com/…" disabled={disabled} readOnly={readOnly} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="profile-vertical">Industry</Label>
        <Controller
          control={form.control}
          name="vertical"
          render={({ field }) => (
            <Select value={field.value || undefined} onValueChange={field.onChange} disabled={disabled || readOnly}>
              <SelectTrigger id="profile-vertical" className="w-full" aria-invalid={verticalError ? true : undefined} aria-describedby={verticalError ? "profile-vertical-error" : undefined}>
                <SelectValue placeholder="Not set" />
              </SelectTrigger>
              <SelectContent>
                {VERTICAL_OPTIONS.map((option) => (
                  <SelectItem key={option.value} value={option.value}>
                    {option.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        />
        {verticalError ? (
          <p id="profile-vertical-error" className="text-sm text-destructive">
            {verticalError}
          </p>
        ) : null}
      </div>
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3 border-t pt-4">
          <Button type="submit" disabled={saving || changedCount === 0}>
            {saving ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <SaveIcon aria-hidden="true" />}
            Save changes
          </Button>
          <Button type="button" variant="ghost" disabled={saving || changedCount === 0} onClick={() => form.reset()}>
            <Undo2Icon aria-hidden="true" />
            Discard
          </Button>
          <span className="text-sm text-muted-foreground" aria-live="polite">
            {changedCount === 0 ? "No unsaved changes" : `${changedCount} unsaved ${changedCount === 1 ? "change" : "changes"}`}
          </span>
        </div>
      ) : null}
    </form>
  );
}

export type { ProfileFormValues };
