"use client";

import * as React from "react";
import { useTranslations } from "next-intl";

import type { Role } from "@/lib/auth/permissions";
import { cn } from "@/lib/utils";
import { NotificationBell } from "@/components/notifications/bell";
import { DesktopNotifier } from "@/components/notifications/desktop-notifier";
import { TabTitle } from "@/components/notifications/tab-title";
import { MobileNav } from "@/components/shell/app-sidebar";
import { AvailabilityToggle } from "@/components/shell/availability-toggle";
import { ThemeToggle } from "@/components/theme-toggle";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { CLOSED_MENU_TRIGGER, MENU_OPEN_KEYS, useOnDemand } from "@/components/ui/on-demand";

export interface HeaderUser {
  name: string;
  email: string;
  role: Role;
}

/** "Ada Lovelace" → "AL", "cher" → "C"; falls back to the email's first letter. */
function initialsOf(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? email.trim()[0] ?? "?";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return `${first}${last}`.toUpperCase();
}

const loadUserMenu = () => import("./user-menu").then((module) => module.UserMenu);

function AccountButton({ user, ...props }: { user: HeaderUser } & React.ComponentProps<typeof Button>) {
  const t = useTranslations("shell");
  return (
    <Button variant="ghost" size="icon-sm" aria-label={t("header.accountMenu")} className="rounded-full" {...props}>
      <Avatar className="size-7">
        <AvatarFallback className="bg-primary/10 text-[11px] font-semibold text-foreground dark:bg-primary/20">
          {initialsOf(user.name, user.email)}
        </AvatarFallback>
      </Avatar>
    </Button>
  );
}

/** The account menu (./user-menu.tsx) loads when a person reaches for its button. */
function UserMenuButton({ user, signOutAction }: { user: HeaderUser; signOutAction: () => Promise<void> }) {
  const demand = useOnDemand(loadUserMenu, MENU_OPEN_KEYS);
  const Menu = demand.loaded;
  if (Menu) return <Menu user={user} signOutAction={signOutAction} trigger={<AccountButton user={user} />} {...demand.mount} />;
  return <AccountButton user={user} {...CLOSED_MENU_TRIGGER} {...demand.triggerProps} />;
}

/**
 * The bar above every dashboard page: the navigation button on small screens, a slot for
 * page-specific content, then the theme toggle and the account menu.
 */
export function AppHeader({
  user,
  signOutAction,
  children,
  className,
}: {
  user: HeaderUser;
  signOutAction: () => Promise<void>;
  children?: React.ReactNode;
  className?: string;
}) {
  return (
    <header
      data-slot="app-header"
      className={cn(
        "sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:px-6",
        className,
      )}
    >
      <MobileNav role={user.role} className="-ms-1.5" />
      <div className="flex min-w-0 flex-1 items-center gap-2">{children}</div>
      <div className="flex shrink-0 items-center gap-1">
        <AvailabilityToggle />
        <NotificationBell />
        {/* Render nothing: the unread count in the tab's title, and toasts and desktop notifications. */}
        <TabTitle />
        <DesktopNotifier />
        <ThemeToggle />
        <UserMenuButton user={user} signOutAction={signOutAction} />
      </div>
    </header>
  );
}
