import { KeyRoundIcon, LogOutIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

import { ChangePasswordFormOnDemand } from "./change-password-form-on-demand";

/**
 * Shown instead of any dashboard page while the user still has a one-time password.
 * Server-compatible: the dashboard layout renders it, so no page is reachable before the change.
 * Its form uses the `account` messages: the caller hands them to the client components.
 */
export function PasswordChangeRequired({
  user,
  signOutAction,
}: {
  user: { name: string; email: string };
  signOutAction: () => Promise<void>;
}) {
  const t = useTranslations("account.passwordRequired");
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-12">
      <div className="w-full max-w-md space-y-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <div className="flex size-11 items-center justify-center rounded-xl bg-primary text-primary-foreground shadow-sm">
            <KeyRoundIcon className="size-5" aria-hidden="true" />
          </div>
          <div className="space-y-1">
            <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
            <p className="text-sm text-muted-foreground">
              {t("welcome", { name: user.name })}
            </p>
          </div>
        </div>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">{t("formTitle")}</CardTitle>
            <CardDescription>
              {t.rich("formDescription", {
                email: user.email,
                strong: (chunks) => <bdi className="font-medium text-foreground">{chunks}</bdi>,
              })}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ChangePasswordFormOnDemand email={user.email} oneTimePassword />
          </CardContent>
        </Card>
        <form action={signOutAction} className="text-center">
          <Button type="submit" variant="ghost" size="sm" className="text-muted-foreground">
            <LogOutIcon className="rtl:-scale-x-100" aria-hidden="true" />
            {t("signOut")}
          </Button>
        </form>
      </div>
    </main>
  );
}
