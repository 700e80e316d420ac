import type { ReactNode } from "react";

import { CampaignsSectionHeader } from "@/components/campaigns/list/section-header";
import { ClientMessages } from "@/components/i18n/client-messages";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";

/**
 * The campaigns section: "Campaigns" above the list, and each page below it scrolling on its own.
 * Everyone may look at campaigns' results; each page checks its own access and hands out its messages.
 */
export default async function CampaignsLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess("campaigns.view");
  return (
    <div className="flex h-full min-h-0 flex-col">
      <ClientMessages namespaces={["campaigns.list"]}>
        <CampaignsSectionHeader canManage={can(user.role, "campaigns.manage")} />
      </ClientMessages>
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </div>
  );
}
