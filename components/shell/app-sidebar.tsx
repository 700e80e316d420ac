"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import {
  Building2Icon,
  ChartColumnIcon,
  FileTextIcon,
  ImageIcon,
  InboxIcon,
  Link2Icon,
  MegaphoneIcon,
  MenuIcon,
  MessageCircleIcon,
  SettingsIcon,
  UsersRoundIcon,
  type LucideIcon,
} from "lucide-react";

import { can, type Role } from "@/lib/auth/permissions";
import { NAV_ITEMS, navHref, type NavItem } from "@/lib/navigation";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { CLOSED_SHEET_TRIGGER, useOnDemand } from "@/components/ui/on-demand";

const NAV_ICONS: Record<NavItem["icon"], LucideIcon> = {
  inbox: InboxIcon,
  contacts: UsersRoundIcon,
  campaigns: MegaphoneIcon,
  analytics: ChartColumnIcon,
  templates: FileTextIcon,
  media: ImageIcon,
  profile: Building2Icon,
  connections: Link2Icon,
  settings: SettingsIcon,
};

/** The section an item stands for: "/settings/users" lights up for every "/settings/…" page. */
function sectionOf(href: string): string {
  const first = href.split("/").find((segment) => segment.length > 0);
  return first ? `/${first}` : "/";
}

function isActive(pathname: string, href: string): boolean {
  const section = sectionOf(href);
  return pathname === section || pathname.startsWith(`${section}/`);
}

/** The product's name: a brand, the same in every language. */
const PRODUCT_NAME = "WhatsApp Business";

/** The product mark and name, as shown at the top of the sidebar. */
export function ProductMark({ className }: { className?: string }) {
  return (
    <div className={cn("flex items-center gap-2.5", className)}>
      <span className="flex size-7 shrink-0 items-center justify-center rounded-lg bg-primary text-primary-foreground shadow-xs">
        <MessageCircleIcon className="size-4" aria-hidden="true" strokeWidth={2.25} />
      </span>
      <span className="truncate text-sm font-semibold tracking-tight">{PRODUCT_NAME}</span>
    </div>
  );
}

/** The role-filtered list of sections, shared by the desktop sidebar and the mobile sheet. */
export function SidebarNav({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const t = useTranslations("shell");
  const pathname = usePathname() ?? "/";
  const items = NAV_ITEMS.filter((item) => can(role, item.capability));

  return (
    <nav aria-label={t("sidebar.main")} className="flex-1 overflow-y-auto px-3 py-3">
      <ul className="flex flex-col gap-0.5">
        {items.map((item) => {
          const Icon = NAV_ICONS[item.icon];
          const href = navHref(item, role);
          const active = isActive(pathname, href);
          return (
            <li key={item.href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                onClick={onNavigate}
                className={cn(
                  "group/nav relative flex h-8 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-sidebar-ring",
                  active
                    ? "bg-sidebar-accent text-sidebar-accent-foreground"
                    : "text-muted-foreground hover:bg-sidebar-accent/70 hover:text-sidebar-accent-foreground",
                )}
              >
                {/* A bar at the edge marks the current page without relying on colour alone. */}
                <span
                  aria-hidden="true"
                  className={cn(
                    "absolute inset-y-1.5 -start-3 w-0.5 rounded-e-full bg-sidebar-primary transition-opacity",
                    active ? "opacity-100" : "opacity-0",
                  )}
                />
                <Icon
                  aria-hidden="true"
                  className={cn(
                    "size-4 shrink-0",
                    active ? "text-sidebar-primary" : "text-muted-foreground group-hover/nav:text-sidebar-accent-foreground",
                  )}
                />
                <span className="truncate">{t(`nav.${item.icon}`)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function SidebarFooter({ role }: { role: Role }) {
  const t = useTranslations("shell.sidebar");
  return (
    <div className="border-t border-sidebar-border px-5 py-3 text-xs text-muted-foreground">
      {t("signedInAs", { role })}
    </div>
  );
}

/** The desktop sidebar: product mark, main navigation for the user's role. Width and visibility come from the caller. */
export function AppSidebar({ role, className }: { role: Role; className?: string }) {
  const t = useTranslations("shell.sidebar");
  return (
    <aside
      data-slot="app-sidebar"
      aria-label={t("label")}
      className={cn(
        "flex h-full w-60 shrink-0 flex-col border-e border-sidebar-border bg-sidebar text-sidebar-foreground",
        className,
      )}
    >
      <div className="flex h-14 shrink-0 items-center border-b border-sidebar-border px-5">
        <Link
          href="/"
          className="-mx-1.5 rounded-md px-1.5 py-1 outline-none focus-visible:ring-2 focus-visible:ring-sidebar-ring"
        >
          <ProductMark />
        </Link>
      </div>
      <SidebarNav role={role} />
      <SidebarFooter role={role} />
    </aside>
  );
}

const loadMobileNavSheet = () => import("./mobile-nav-sheet").then((module) => module.MobileNavSheet);

function MenuButton({ className, ...props }: React.ComponentProps<typeof Button>) {
  const t = useTranslations("shell.sidebar");
  return (
    <Button variant="ghost" size="icon-sm" aria-label={t("openNavigation")} className={cn("md:hidden", className)} {...props}>
      <MenuIcon aria-hidden="true" />
    </Button>
  );
}

/**
 * The menu button for narrow screens (< md): opens the same navigation in a sheet from the start side
 * (left, or right in a right-to-left language). The sheet (./mobile-nav-sheet.tsx) loads when a person
 * reaches for the button.
 */
export function MobileNav({ role, className }: { role: Role; className?: string }) {
  const demand = useOnDemand(loadMobileNavSheet);
  const Sheet = demand.loaded;
  if (Sheet) return <Sheet role={role} trigger={<MenuButton className={className} />} {...demand.mount} />;
  return <MenuButton className={className} {...CLOSED_SHEET_TRIGGER} {...demand.triggerProps} />;
}
