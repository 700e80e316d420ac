"use client";

import { useTranslations } from "next-intl";
import * as React from "react";

import { useFocusOnMount, type OnDemandMount } from "@/components/ui/on-demand";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import type { Role } from "@/lib/auth/permissions";

import { ProductMark, SidebarFooter, SidebarNav } from "./app-sidebar";

/** The navigation sheet behind the menu button of narrow screens (`MobileNav` in ./app-sidebar.tsx). */
export function MobileNavSheet({ role, trigger, openOnMount, focusOnMount }: OnDemandMount & { role: Role; trigger: React.ReactElement }) {
  const t = useTranslations("shell.sidebar");
  const [open, setOpen] = React.useState(openOnMount);
  const triggerRef = React.useRef<HTMLButtonElement>(null);
  useFocusOnMount(triggerRef, focusOnMount);

  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild ref={triggerRef}>
        {trigger}
      </SheetTrigger>
      <SheetContent
        // The reading direction's start, as the desktop sidebar: the left in English, the right in Arabic.
        side="start"
        className="w-72 gap-0 border-sidebar-border bg-sidebar p-0 text-sidebar-foreground sm:max-w-72"
      >
        <div className="flex h-14 shrink-0 items-center border-b border-sidebar-border px-5">
          <SheetTitle asChild>
            <div>
              <ProductMark />
            </div>
          </SheetTitle>
          <SheetDescription className="sr-only">{t("mainNavigation")}</SheetDescription>
        </div>
        <SidebarNav role={role} onNavigate={() => setOpen(false)} />
        <SidebarFooter role={role} />
      </SheetContent>
    </Sheet>
  );
}
