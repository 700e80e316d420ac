"use client";

import { CheckIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

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
import { AVAILABILITIES } from "@/lib/users/availability-values";

import { AvailabilityDot, type Availability } from "./availability-toggle";

/** The menu behind the header's availability button (./availability-toggle.tsx): each state with its hint, the current one checked. */
export function AvailabilityMenu({
  trigger,
  current,
  onChoose,
  openOnMount,
  openedWithKeyboard,
  focusOnMount,
}: OnDemandMount & { trigger: React.ReactElement; current: Availability; onChoose: (availability: Availability) => void }) {
  const t = useTranslations("shell.availability");
  const triggerRef = React.useRef<HTMLButtonElement>(null);
  useFocusOnMount(triggerRef, focusOnMount);
  const contentRef = useFirstItemFocus(openedWithKeyboard);

  return (
    <DropdownMenu defaultOpen={openOnMount}>
      <DropdownMenuTrigger asChild ref={triggerRef}>
        {trigger}
      </DropdownMenuTrigger>
      <DropdownMenuContent ref={contentRef} align="end" className="w-64">
        <DropdownMenuLabel className="font-normal text-muted-foreground">{t("menuLabel")}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {AVAILABILITIES.map((availability) => (
          <DropdownMenuItem key={availability} aria-label={t(availability)} onSelect={() => onChoose(availability)} className="items-start">
            <span className="mt-1.5">
              <AvailabilityDot availability={availability} />
            </span>
            <span className="flex flex-1 flex-col">
              <span>{t(availability)}</span>
              <span className="text-xs text-muted-foreground">{availability === "available" ? t("availableHint") : t("awayHint")}</span>
            </span>
            {availability === current ? <CheckIcon aria-hidden="true" className="mt-0.5" /> : null}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
