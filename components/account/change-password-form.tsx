"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { AlertCircleIcon, Loader2Icon } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { readActionResult } from "@/lib/action-result";
import { changeOwnPasswordAction } from "@/lib/actions/account";
import { changeOwnPasswordSchema, PASSWORD_MIN, type ChangeOwnPasswordInput } from "@/lib/actions/account.schema";

import { FormField } from "./form-field";

const EMPTY: ChangeOwnPasswordInput = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm({
  email,
  oneTimePassword = false,
}: {
  /** Lets password managers file the new password under the right account. */
  email: string;
  /** The one-time password an admin gave is replaced: the fields and the button say so. */
  oneTimePassword?: boolean;
}) {
  const t = useTranslations("account.password");
  const router = useRouter();
  const form = useForm<ChangeOwnPasswordInput>({ resolver: zodResolver(changeOwnPasswordSchema), defaultValues: EMPTY });
  const { execute, result, isPending } = useAction(changeOwnPasswordAction, {
    onSuccess: () => {
      form.reset(EMPTY);
      toast.success(t("changed"));
      router.refresh();
    },
    onError: ({ error }) => {
      const refused = readActionResult(error);
      if (refused.ok) return;
      const field = (["currentPassword", "newPassword"] as const).find((name) => refused.fieldErrors[name]);
      if (!field) return;
      form.setError(field, { message: refused.fieldErrors[field] }, { shouldFocus: true });
      form.setValue("currentPassword", "");
    },
  });
  const { errors } = form.formState;
  const refused = readActionResult(result);
  // Refusals of one field are shown at it; the rest above the form.
  const generalError = !refused.ok && Object.keys(refused.fieldErrors).length === 0 ? refused.message : undefined;

  return (
    <form noValidate method="post" className="grid max-w-md gap-4" onSubmit={form.handleSubmit((values) => execute(values))}>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {generalError ? (
        <Alert variant="destructive">
          <AlertCircleIcon aria-hidden="true" />
          <AlertDescription>{generalError}</AlertDescription>
        </Alert>
      ) : null}
      <FormField id="current-password" label={oneTimePassword ? t("oneTime") : t("current")} error={errors.currentPassword?.message}>
        {(aria) => (
          <Input id="current-password" type="password" autoComplete="current-password" {...aria} {...form.register("currentPassword")} />
        )}
      </FormField>
      <FormField
        id="new-password"
        label={t("new")}
        error={errors.newPassword?.message}
        hint={t("hint", { minimum: PASSWORD_MIN })}
      >
        {(aria) => <Input id="new-password" type="password" autoComplete="new-password" {...aria} {...form.register("newPassword")} />}
      </FormField>
      <FormField id="confirm-password" label={t("repeat")} error={errors.confirmPassword?.message}>
        {(aria) => (
          <Input id="confirm-password" type="password" autoComplete="new-password" {...aria} {...form.register("confirmPassword")} />
        )}
      </FormField>
      <div>
        <Button type="submit" disabled={isPending}>
          {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
          {oneTimePassword ? t("saveAndContinue") : t("change")}
        </Button>
      </div>
    </form>
  );
}
