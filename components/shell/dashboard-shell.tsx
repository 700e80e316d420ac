import { useTranslations } from "next-intl";
import type * as React from "react";

import type { Role } from "@/lib/auth/permissions";
import { AppHeader } from "@/components/shell/app-header";
import { AppSidebar } from "@/components/shell/app-sidebar";

/**
 * The signed-in layout: a fixed sidebar (md and up), a sticky header, and a scrolling <main>.
 * Server-compatible: the interactive parts are client components inside it. The viewport is
 * split, not scrolled, so a page (e.g. the inbox) can fill <main> with `h-full` panes.
 */
export function DashboardShell({
  user,
  signOutAction,
  headerContent,
  children,
}: {
  user: { name: string; email: string; role: Role };
  signOutAction: () => Promise<void>;
  /** Optional content for the header's left slot (e.g. breadcrumbs or a search box). */
  headerContent?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = useTranslations("shell");
  return (
    <div className="flex h-dvh overflow-hidden bg-background">
      <a
        href="#main"
        className="sr-only rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground shadow-md outline-none focus:not-sr-only focus:fixed focus:top-2 focus:start-2 focus:z-100 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background"
      >
        {t("skipToContent")}
      </a>
      <AppSidebar role={user.role} className="hidden md:flex" />
      <div className="flex min-w-0 flex-1 flex-col">
        <AppHeader user={user} signOutAction={signOutAction}>
          {headerContent}
        </AppHeader>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 overflow-auto outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
