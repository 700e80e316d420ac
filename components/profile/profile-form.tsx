"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2Icon, SaveIcon, Undo2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Controller, type UseFormReturn, useForm } from "react-hook-form";

import { useTranslate } from "@/components/i18n/use-translate";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { type ProfileFormValues, profileFormSchema } from "@/lib/actions/profile.schema";
import { translateMessage } from "@/lib/i18n/translatable";
import { cn } from "@/lib/utils";
import { BUSINESS_VERTICALS, PROFILE_LIMITS, type BusinessVertical } from "@/lib/whatsapp/profile";

export type ProfileForm = UseFormReturn<ProfileFormValues>;

export function useProfileForm(values: ProfileFormValues): ProfileForm {
  return useForm<ProfileFormValues>({ resolver: zodResolver(profileFormSchema), defaultValues: values, mode: "onChange" });
}

type FieldName = "about" | "address" | "description" | "email" | "websites.0" | "websites.1";

/** The verticals a profile may be set to, by their names in the reader's language (alphabetical, "Other" last). */
function useVerticalOptions(): { value: BusinessVertical; label: string }[] {
  const t = useTranslations("profile.verticals");
  const locale = useLocale();
  return BUSINESS_VERTICALS.filter((value) => value !== "UNDEFINED" && value !== "OTHER")
    .map((value): { value: BusinessVertical; label: string } => ({ value, label: t(value) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale))
    .concat([{ value: "OTHER", label: t("OTHER") }]);
}

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
  const t = useTranslations("profile.form");
  const translate = useTranslate();
  const id = `profile-${name.replace(".", "-")}`;
  const value = (form.watch(name) as string | undefined) ?? "";
  const length = [...value].length;
  const problem = name.startsWith("websites.")
    ? form.formState.errors.websites?.[Number(name.split(".")[1])]?.message
    : form.formState.errors[name as "about"]?.message;
  // The form's own checks carry catalog messages; the server's arrive in the reader's words already.
  const error = problem ? translateMessage(translate, problem) : undefined;
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
          {t.rich("counter", { count: length, limit, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
        </span>
      </div>
      {multiline ? <Textarea dir="auto" rows={rows ?? 3} {...common} /> : <Input dir={type === "text" ? "auto" : undefined} type={type} {...common} />}
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
  const t = useTranslations("profile.form");
  const translate = useTranslate();
  const verticals = useVerticalOptions();
  const disabled = canEdit && saving;
  const readOnly = !canEdit;
  const verticalProblem = form.formState.errors.vertical?.message;
  const verticalError = verticalProblem ? translateMessage(translate, verticalProblem) : undefined;
  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} aria-label={t("label")} className="space-y-5">
      <Field form={form} name="about" label={t("about")} limit={PROFILE_LIMITS.about} hint={t("aboutHint")} disabled={disabled} readOnly={readOnly} />
      <Field form={form} name="description" label={t("description")} limit={PROFILE_LIMITS.description} multiline rows={4} disabled={disabled} readOnly={readOnly} />
      <Field form={form} name="address" label={t("address")} limit={PROFILE_LIMITS.address} multiline rows={2} disabled={disabled} readOnly={readOnly} />
      <Field form={form} name="email" label={t("email")} limit={PROFILE_LIMITS.email} type="email" placeholder={t("emailPlaceholder")} disabled={disabled} readOnly={readOnly} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field form={form} name="websites.0" label={t("website1")} limit={PROFILE_LIMITS.website} type="url" placeholder={t("website1Placeholder")} disabled={disabled} readOnly={readOnly} />
        <Field form={form} name="websites.1" label={t("website2")} limit={PROFILE_LIMITS.website} type="url" placeholder={t("website2Placeholder")} disabled={disabled} readOnly={readOnly} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="profile-vertical">{t("industry")}</Label>
        <Controller
          control={form.control}
          name="vertical"
          render={({ field }) => (
            <Select value={field.value || undefined} onValueChange={field.onChange} disabled={disabled || readOnly}>
              <SelectTrigger id="profile-vertical" className="w-full" aria-invalid={verticalError ? true : undefined} aria-describedby={verticalError ? "profile-vertical-error" : undefined}>
                <SelectValue placeholder={t("notSet")} />
              </SelectTrigger>
              <SelectContent>
                {verticals.map((option) => (
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
            {t("save")}
          </Button>
          <Button type="button" variant="ghost" disabled={saving || changedCount === 0} onClick={() => form.reset()}>
            <Undo2Icon className="rtl:-scale-x-100" aria-hidden="true" />
            {t("discard")}
          </Button>
          <span className="text-sm text-muted-foreground" aria-live="polite">
            {changedCount === 0 ? t("noChanges") : t("changes", { count: changedCount })}
          </span>
        </div>
      ) : null}
    </form>
  );
}

export type { ProfileFormValues };
