import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { requirePageAccess } from "@/lib/auth/session";
import { settingsSectionsFor } from "@/lib/navigation";

import { SettingsNav } from "./settings-nav";

/**
 * Settings pages share a row of links to the sections the person's role may open (admins: users,
 * webhooks, audit log and API tokens; others: their API tokens); each page checks its own access on the server.
 */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requirePageAccess();
  const t = await getTranslations("shell.settingsNav");
  const sections = settingsSectionsFor(user.role).map(({ segment, href, label }) => ({ segment, href, label }));
  return (
    <div className="flex flex-col">
      <div className="border-b bg-background">
        <div className="mx-auto w-full max-w-6xl px-6 pt-4">
          <p className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">{t("heading")}</p>
          <SettingsNav sections={sections} />
        </div>
      </div>
      {children}
    </div>
  );
}
