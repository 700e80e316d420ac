import { TriangleAlertIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Suspense } from "react";

import { InboxShell } from "@/components/inbox/inbox-shell";
import { NoAccountAccess } from "@/components/shell/no-account-access";
import { getDb } from "@/db";
import { countWebhookEventsNeedingAttention } from "@/db/queries/webhook-events";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";

/** Admins are told, quietly, when WhatsApp sent something the dashboard could not apply. */
function DeliveriesNeedAttention({ count }: { count: number }) {
  return (
    <div role="status" className="flex items-center gap-2 border-b border-warning/30 bg-warning/5 px-3 py-1.5 text-sm">
      <TriangleAlertIcon className="size-4 shrink-0 text-warning" aria-hidden="true" />
      <span>
        {count === 1 ? "1 webhook delivery needs" : `${count.toLocaleString()} webhook deliveries need`} attention: WhatsApp sent
        something the inbox could not apply.
      </span>
      <Link href="/settings/webhooks?show=attention" className="ms-auto shrink-0 font-medium text-foreground underline-offset-4 hover:underline">
        Review deliveries
      </Link>
    </div>
  );
}

export default async function InboxLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess("inbox.use");
  // Granted no connection: nothing of the inbox applies, the page says why (a conversation's URL included).
  if (lacksConnectionAccess(user.connections)) return <NoAccountAccess page="Inbox" />;
  const attention = can(user.role, "webhooks.manage") ? await countWebhookEventsNeedingAttention(await getDb()) : 0;
  return (
    <div className="flex h-full min-h-0 flex-col">
      {attention > 0 ? <DeliveriesNeedAttention count={attention} /> : null}
      <div className="min-h-0 flex-1">
        <Suspense>
          <InboxShell userId={user.id} canUploadMedia={can(user.role, "media.manage")}>
            {children}
          </InboxShell>
        </Suspense>
      </div>
    </div>
  );
}
