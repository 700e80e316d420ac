"use client";

import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";

import { FormField } from "@/components/account/form-field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** "Generate one" or "Type one": the admin picks how the one-time password is made. */
export function PasswordChoice({
  idPrefix,
  mode,
  modeField,
  passwordField,
  passwordError,
}: {
  idPrefix: string;
  mode: "generate" | "manual";
  modeField: UseFormRegisterReturn;
  passwordField: UseFormRegisterReturn;
  passwordError?: string;
}) {
  const t = useTranslations("users.password");
  const options = [
    { value: "generate", title: t("generate"), hint: t("generateHint") },
    { value: "manual", title: t("manual"), hint: t("manualHint") },
  ] as const;
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1.5 text-sm font-medium">{t("legend")}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              "flex cursor-pointer items-start gap-2.5 rounded-lg border p-3 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
              mode === option.value ? "border-primary bg-primary/5" : "hover:bg-muted/50",
            )}
          >
            <input type="radio" value={option.value} className="mt-0.5 accent-primary" {...modeField} />
            <span className="space-y-0.5">
              <span className="block font-medium">{option.title}</span>
              <span className="block text-xs text-muted-foreground">{option.hint}</span>
            </span>
          </label>
        ))}
      </div>
      {mode === "manual" ? (
        <FormField id={`${idPrefix}-password`} label={t("field")} error={passwordError}>
          {(aria) => <Input id={`${idPrefix}-password`} type="text" autoComplete="off" spellCheck={false} {...aria} {...passwordField} />}
        </FormField>
      ) : null}
      <p className="text-xs text-muted-foreground">{t("mustChange")}</p>
    </fieldset>
  );
}
