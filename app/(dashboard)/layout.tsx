import type { ReactNode } from "react";

import { PasswordChangeRequired } from "@/components/account/password-change-required";
import { LiveEventsProvider } from "@/components/live/live-events-provider";
import { ConnectionSwitcher } from "@/components/shell/connection-switcher";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { getDb } from "@/db";
import { usableConnections, workingConnection } from "@/lib/accounts/working-connection";
import { signOutAction } from "@/lib/actions/auth";
import { requirePageAccess } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess();
  // A one-time password must be replaced first: no dashboard page renders until then.
  if (user.mustChangePassword) {
    return <PasswordChangeRequired user={{ name: user.name, email: user.email }} signOutAction={signOutAction} />;
  }
  // The header's working-connection switcher: the user's own active connections (shown when several).
  const db = await getDb();
  const [choices, working] = await Promise.all([usableConnections(db, user.connections), workingConnection(db, user)]);
  const switcher = (
    <ConnectionSwitcher
      connections={choices.map((choice) => ({ id: choice.id, label: choice.label, isDefault: choice.isDefault }))}
      workingId={working?.id ?? null}
    />
  );
  // One stream of live events for every page: it stays open while the person moves between pages.
  return (
    <LiveEventsProvider>
      <DashboardShell
        user={{ name: user.name, email: user.email, role: user.role }}
        signOutAction={signOutAction}
        headerContent={switcher}
      >
        {children}
      </DashboardShell>
    </LiveEventsProvider>
  );
}
