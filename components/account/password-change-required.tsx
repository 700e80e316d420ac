import { KeyRoundIcon, LogOutIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

import { ChangePasswordFormOnDemand } from "./change-password-form-on-demand";

/**
 * Shown instead of any dashboard page while the user still has a one-time password.
 * Server-compatible: the dashboard layout renders it, so no page is reachable before the change.
 */
export function PasswordChangeRequired({
  user,
  signOutAction,
}: {
  user: { name: string; email: string };
  signOutAction: () => Promise<void>;
}) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-12">
      <div className="w-full max-w-md space-y-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <div className="flex size-11 items-center justify-center rounded-xl bg-primary text-primary-foreground shadow-sm">
            <KeyRoundIcon className="size-5" aria-hidden="true" />
          </div>
          <div className="space-y-1">
            <h1 className="text-2xl font-semibold tracking-tight">Choose your password</h1>
            <p className="text-sm text-muted-foreground">
              Welcome, {user.name}. You signed in with a one-time password; pick your own to continue.
            </p>
          </div>
        </div>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Set a new password</CardTitle>
            <CardDescription>
              For <span className="font-medium text-foreground">{user.email}</span>. The one-time password stops working
              once you save.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ChangePasswordFormOnDemand email={user.email} currentLabel="One-time password" submitLabel="Save and continue" />
          </CardContent>
        </Card>
        <form action={signOutAction} className="text-center">
          <Button type="submit" variant="ghost" size="sm" className="text-muted-foreground">
            <LogOutIcon aria-hidden="true" />
            Sign out
          </Button>
        </form>
      </div>
    </main>
  );
}
