import { TriangleAlertIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Suspense } from "react";

import { ClientMessages } from "@/components/i18n/client-messages";
import { InboxShell } from "@/components/inbox/inbox-shell";
import { NoAccountAccess } from "@/components/shell/no-account-access";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";

import { shellSnapshot } from "../shell-state";
import { INBOX_FRAME_NAMESPACES } from "./client-namespaces";

/** Admins are told, quietly, when WhatsApp sent something the dashboard could not apply. */
async function DeliveriesNeedAttention({ count }: { count: number }) {
  const t = await getTranslations("inbox.attention");
  return (
    <div role="status" className="flex items-center gap-2 border-b border-warning/30 bg-warning/5 px-3 py-1.5 text-sm">
      <TriangleAlertIcon className="size-4 shrink-0 text-warning" aria-hidden="true" />
      <span>{t("message", { count })}</span>
      <Link href="/settings/webhooks?show=attention" className="ms-auto shrink-0 font-medium text-foreground underline-offset-4 hover:underline">
        {t("review")}
      </Link>
    </div>
  );
}

export default async function InboxLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess("inbox.use");
  // Granted no connection: nothing of the inbox applies, the page says why (a conversation's URL included).
  if (lacksConnectionAccess(user.connections)) {
    const t = await getTranslations("inbox");
    return <NoAccountAccess page={t("title")} />;
  }
  // Read with the dashboard's frame (one query per request for both layouts).
  const attention = can(user.role, "webhooks.manage") ? (await shellSnapshot(user.id)).deliveriesNeedingAttention : 0;
  return (
    <div className="flex h-full min-h-0 flex-col">
      {attention > 0 ? <DeliveriesNeedAttention count={attention} /> : null}
      <div className="min-h-0 flex-1">
        {/* What the inbox's frame and list say; an open conversation's messages come with its page. */}
        <ClientMessages namespaces={INBOX_FRAME_NAMESPACES}>
          <Suspense>
            <InboxShell userId={user.id} canUploadMedia={can(user.role, "media.manage")} canManageLabels={can(user.role, "labels.manage")}>
              {children}
            </InboxShell>
          </Suspense>
        </ClientMessages>
      </div>
    </div>
  );
}
