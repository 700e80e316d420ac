import type { ReactNode } from "react";

import { PasswordChangeRequired } from "@/components/account/password-change-required";
import { ClientMessages } from "@/components/i18n/client-messages";
import { LiveEventsProvider } from "@/components/live/live-events-provider";
import { DisabledEndpointsBanner } from "@/components/outbound-webhooks/disabled-endpoints-banner";
import { ConnectionSwitcher } from "@/components/shell/connection-switcher";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { getDb } from "@/db";
import { usableConnections, workingConnection } from "@/lib/accounts/working-connection";
import { signOutAction } from "@/lib/actions/auth";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { countDisabledEndpoints } from "@/lib/outbound-webhooks/service";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess();
  // A one-time password must be replaced first: no dashboard page renders until then.
  if (user.mustChangePassword) {
    return (
      <ClientMessages namespaces={["account"]}>
        <PasswordChangeRequired user={{ name: user.name, email: user.email }} signOutAction={signOutAction} />
      </ClientMessages>
    );
  }
  // The header's working-connection switcher: the user's own active connections (shown when several).
  const db = await getDb();
  // Admins see a banner while outbound webhook endpoints are disabled after failing.
  const [choices, working, disabledEndpoints] = await Promise.all([
    usableConnections(db, user.connections),
    workingConnection(db, user),
    can(user.role, "webhooks.manage") ? countDisabledEndpoints(db) : 0,
  ]);
  const switcher = (
    <ConnectionSwitcher
      connections={choices.map((choice) => ({ id: choice.id, label: choice.label, isDefault: choice.isDefault }))}
      workingId={working?.id ?? null}
    />
  );
  // One stream of live events for every page: it stays open while the person moves between pages.
  // The shell's client components (header, sidebar, switcher, the settings tabs) get the `shell`
  // messages; each page hands its own client components theirs.
  return (
    <LiveEventsProvider>
      <ClientMessages namespaces={["shell"]}>
        <DashboardShell
          user={{ name: user.name, email: user.email, role: user.role }}
          signOutAction={signOutAction}
          headerContent={switcher}
        >
          <DisabledEndpointsBanner count={disabledEndpoints}>{children}</DisabledEndpointsBanner>
        </DashboardShell>
      </ClientMessages>
    </LiveEventsProvider>
  );
}
