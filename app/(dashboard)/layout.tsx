import type { ReactNode } from "react";

import { PasswordChangeRequired } from "@/components/account/password-change-required";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { signOutAction } from "@/lib/actions/auth";
import { requirePageAccess } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess();
  // A one-time password must be replaced first: no dashboard page renders until then.
  if (user.mustChangePassword) {
    return <PasswordChangeRequired user={{ name: user.name, email: user.email }} signOutAction={signOutAction} />;
  }
  return (
    <DashboardShell user={{ name: user.name, email: user.email, role: user.role }} signOutAction={signOutAction}>
      {children}
    </DashboardShell>
  );
}
