import type { ReactNode } from "react";

import { PasswordChangeRequired } from "@/components/account/password-change-required";
import { ClientMessages } from "@/components/i18n/client-messages";
import { LiveEventsProvider } from "@/components/live/live-events-provider";
import { DisabledEndpointsBanner } from "@/components/outbound-webhooks/disabled-endpoints-banner";
import { ConnectionSwitcher } from "@/components/shell/connection-switcher";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { pickWorkingConnection } from "@/lib/accounts/working-connection";
import { signOutAction } from "@/lib/actions/auth";
import { isConnectionVisible } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";

import { shellSnapshot, startShellSnapshot } from "./shell-state";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await startShellSnapshot();
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
  // Admins see a banner while outbound webhook endpoints are disabled after failing. One query for both.
  const shell = await shellSnapshot(user.id);
  const choices = shell.usableConnections.filter((connection) => isConnectionVisible(user.connections, connection.id));
  const working = pickWorkingConnection(shell.usableConnections, shell.selectedConnectionId, user.connections);
  const disabledEndpoints = can(user.role, "webhooks.manage") ? shell.disabledEndpoints : 0;
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
