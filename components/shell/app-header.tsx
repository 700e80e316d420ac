"use client";

import * as React from "react";
import { useFormStatus } from "react-dom";
import Link from "next/link";
import { Loader2Icon, LogOutIcon, UserRoundIcon } from "lucide-react";
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
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

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

/** A real submit button inside the sign-out form, so it works by keyboard and before hydration. */
function SignOutItem() {
  const t = useTranslations("shell.header");
  const { pending } = useFormStatus();
  return (
    <DropdownMenuItem
      asChild
      disabled={pending}
      // Keep the menu (and so the form) mounted until the submission has started.
      onSelect={(event) => event.preventDefault()}
    >
      <button type="submit" className="w-full">
        {pending ? (
          <Loader2Icon className="animate-spin" aria-hidden="true" />
        ) : (
          <LogOutIcon className="rtl:-scale-x-100" aria-hidden="true" />
        )}
        {pending ? t("signingOut") : t("signOut")}
      </button>
    </DropdownMenuItem>
  );
}

function UserMenu({ user, signOutAction }: { user: HeaderUser; signOutAction: () => Promise<void> }) {
  const t = useTranslations("shell");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={t("header.accountMenu")}
          className="rounded-full"
        >
          <Avatar className="size-7">
            <AvatarFallback className="bg-primary/10 text-[11px] font-semibold text-foreground dark:bg-primary/20">
              {initialsOf(user.name, user.email)}
            </AvatarFallback>
          </Avatar>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="flex flex-col gap-1.5 py-2 font-normal">
          {/* Isolated, so a name or an address in another script keeps its own order in the menu's direction. */}
          <span className="truncate text-sm font-medium text-foreground">
            <bdi>{user.name}</bdi>
          </span>
          <span className="truncate text-xs text-muted-foreground">
            <bdi>{user.email}</bdi>
          </span>
          <Badge variant="secondary" className="mt-0.5">
            {t(`roles.${user.role}`)}
          </Badge>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/account">
            <UserRoundIcon aria-hidden="true" />
            {t("header.yourAccount")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <form action={signOutAction}>
          <SignOutItem />
        </form>
      </DropdownMenuContent>
    </DropdownMenu>
  );
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
        <UserMenu user={user} signOutAction={signOutAction} />
      </div>
    </header>
  );
}
