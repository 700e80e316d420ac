"use client";

import { Loader2Icon, LogOutIcon, UserRoundIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import * as React from "react";
import { useFormStatus } from "react-dom";

import { Badge } from "@/components/ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  useFirstItemFocus,
} from "@/components/ui/dropdown-menu";
import { useFocusOnMount, type OnDemandMount } from "@/components/ui/on-demand";

import type { HeaderUser } from "./app-header";

/** A real submit button inside the sign-out form, so it works by keyboard. */
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

/** The account menu behind the header's account button (./app-header.tsx): who is signed in, their account page, sign out. */
export function UserMenu({
  user,
  signOutAction,
  trigger,
  openOnMount,
  openedWithKeyboard,
  focusOnMount,
}: OnDemandMount & { user: HeaderUser; signOutAction: () => Promise<void>; trigger: React.ReactElement }) {
  const t = useTranslations("shell");
  const triggerRef = React.useRef<HTMLButtonElement>(null);
  useFocusOnMount(triggerRef, focusOnMount);
  const contentRef = useFirstItemFocus(openedWithKeyboard);
  return (
    <DropdownMenu defaultOpen={openOnMount}>
      <DropdownMenuTrigger asChild ref={triggerRef}>
        {trigger}
      </DropdownMenuTrigger>
      <DropdownMenuContent ref={contentRef} align="end" className="w-64">
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
