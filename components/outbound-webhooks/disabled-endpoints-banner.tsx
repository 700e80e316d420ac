import { TriangleAlertIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { TO_YOUR_SYSTEMS_HREF } from "./paths";

/**
 * For admins, above every page while outbound endpoints are disabled after failing for 24 hours: events
 * for them are not sent until someone looks. Server-rendered with the page; nothing at all when none is.
 * The page keeps the rest of the height (the inbox fills it) and scrolls below the banner.
 */
export async function DisabledEndpointsBanner({ count, children }: { count: number; children: ReactNode }) {
  if (count === 0) return children;
  const t = await getTranslations("outboundWebhooks.banner");
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div data-testid="disabled-endpoints-banner" className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-warning/30 bg-warning/10 px-6 py-2 text-sm">
        <TriangleAlertIcon className="size-4 shrink-0 text-warning" aria-hidden="true" />
        <p className="min-w-0 flex-1">{t("text", { count })}</p>
        <Link href={TO_YOUR_SYSTEMS_HREF} className="font-medium text-foreground underline underline-offset-4 outline-none hover:no-underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring">
          {t("link")}
        </Link>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">{children}</div>
    </div>
  );
}
