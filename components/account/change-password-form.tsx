"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { AlertCircleIcon, Loader2Icon } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { readActionResult } from "@/lib/action-result";
import { changeOwnPasswordAction } from "@/lib/actions/account";
import { changeOwnPasswordSchema, PASSWORD_MIN, type ChangeOwnPasswordInput } from "@/lib/actions/account.schema";

import { FormField } from "./form-field";

const EMPTY: ChangeOwnPasswordInput = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm({
  email,
  currentLabel = "Current password",
  submitLabel = "Change password",
}: {
  /** Lets password managers file the new password under the right account. */
  email: string;
  currentLabel?: string;
  submitLabel?: string;
}) {
  const router = useRouter();
  const form = useForm<ChangeOwnPasswordInput>({ resolver: zodResolver(changeOwnPasswordSchema), defaultValues: EMPTY });
  const { execute, result, isPending } = useAction(changeOwnPasswordAction, {
    onSuccess: () => {
      form.reset(EMPTY);
      toast.success("Your password is changed.");
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
      <FormField id="current-password" label={currentLabel} error={errors.currentPassword?.message}>
        {(aria) => (
          <Input id="current-password" type="password" autoComplete="current-password" {...aria} {...form.register("currentPassword")} />
        )}
      </FormField>
      <FormField
        id="new-password"
        label="New password"
        error={errors.newPassword?.message}
        hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong one.`}
      >
        {(aria) => <Input id="new-password" type="password" autoComplete="new-password" {...aria} {...form.register("newPassword")} />}
      </FormField>
      <FormField id="confirm-password" label="Repeat the new password" error={errors.confirmPassword?.message}>
        {(aria) => (
          <Input id="confirm-password" type="password" autoComplete="new-password" {...aria} {...form.register("confirmPassword")} />
        )}
      </FormField>
      <div>
        <Button type="submit" disabled={isPending}>
          {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
