import type { ReactNode } from "react";

import { DashboardShell } from "@/components/shell/dashboard-shell";
import { signOutAction } from "@/lib/actions/auth";
import { requirePageAccess } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess();
  return (
    <DashboardShell user={{ name: user.name, email: user.email, role: user.role }} signOutAction={signOutAction}>
      {children}
    </DashboardShell>
  );
}
