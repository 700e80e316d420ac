"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { AlertCircle, Loader2 } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { useReadableMessage } from "@/components/i18n/use-translate";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { actionMessage } from "@/lib/action-result";
import { signInAction } from "@/lib/actions/auth";
import { signInSchema, type SignInInput } from "@/lib/actions/auth.schema";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth.signIn");
  const readable = useReadableMessage();
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "", callbackUrl },
  });
  const { execute, result, isPending } = useAction(signInAction, {
    // A failed attempt keeps the email and clears only the password.
    onError: () => form.setValue("password", ""),
  });
  const { errors } = form.formState;
  const serverError = actionMessage(result);

  return (
    <Card>
      <CardContent>
        <form noValidate method="post" className="space-y-4" onSubmit={form.handleSubmit((values) => execute(values))}>
          {serverError ? (
            <Alert variant="destructive">
              <AlertCircle aria-hidden />
              <AlertDescription>{serverError}</AlertDescription>
            </Alert>
          ) : null}
          <div className="space-y-2">
            <Label htmlFor="email">{t("email")}</Label>
            <Input
              id="email"
              type="email"
              dir="ltr"
              autoComplete="username"
              autoFocus
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? "email-error" : undefined}
              {...form.register("email")}
            />
            {errors.email ? (
              <p id="email-error" className="text-sm text-destructive">
                {readable(errors.email.message)}
              </p>
            ) : null}
          </div>
          <div className="space-y-2">
            <Label htmlFor="password">{t("password")}</Label>
            <Input
              id="password"
              type="password"
              autoComplete="current-password"
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? "password-error" : undefined}
              {...form.register("password")}
            />
            {errors.password ? (
              <p id="password-error" className="text-sm text-destructive">
                {readable(errors.password.message)}
              </p>
            ) : null}
          </div>
          <Button type="submit" className="w-full" disabled={isPending}>
            {isPending ? <Loader2 className="animate-spin" aria-hidden /> : null}
            {t("submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
