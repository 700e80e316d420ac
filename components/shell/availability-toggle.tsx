"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type ComponentProps } from "react";

import { usePresence } from "@/components/notifications/api";
import { Button } from "@/components/ui/button";
import { CLOSED_MENU_TRIGGER, MENU_OPEN_KEYS, useOnDemand } from "@/components/ui/on-demand";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { setAvailabilityAction } from "@/lib/actions/availability";
import { AVAILABILITIES } from "@/lib/users/availability-values";
import type { PresenceView } from "@/lib/notifications/views";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

export type Availability = (typeof AVAILABILITIES)[number];

export function AvailabilityDot({ availability }: { availability: Availability }) {
  return <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", availability === "available" ? "bg-emerald-500" : "bg-amber-500")} />;
}

const loadAvailabilityMenu = () => import("./availability-menu").then((module) => module.AvailabilityMenu);

/**
 * The header's "available or away": auto-assignment gives new conversations only to those available.
 * Shown as the state in words and a dot; the menu (./availability-menu.tsx, loaded when a person
 * reaches for the button) sets it at once.
 */
export function AvailabilityToggle() {
  const t = useTranslations("shell.availability");
  const queryClient = useQueryClient();
  const { data } = usePresence();
  const [pending, setPending] = useState<Availability | null>(null);
  const current: Availability = pending ?? data?.availability ?? "available";
  const demand = useOnDemand(loadAvailabilityMenu, MENU_OPEN_KEYS);

  const choose = async (availability: Availability) => {
    if (availability === data?.availability) return;
    setPending(availability);
    const reading = await runAction(setAvailabilityAction({ availability }));
    if (reading.ok) {
      queryClient.setQueryData<PresenceView>(queryKeys.account.presence(), reading.data);
      toast.success(availability === "available" ? t("nowAvailable") : t("nowAway"));
    } else {
      toast.error(reading.message);
    }
    setPending(null);
  };

  const button = (props: ComponentProps<typeof Button>) => (
    <Button variant="ghost" size="sm" className="gap-2" disabled={data === undefined} aria-label={t("button", { state: t(current) })} {...props}>
      <AvailabilityDot availability={current} />
      <span className="hidden sm:inline">{t(current)}</span>
    </Button>
  );
  const Menu = demand.loaded;
  if (Menu) return <Menu trigger={button({})} current={current} onChoose={(availability) => void choose(availability)} {...demand.mount} />;
  return button({ ...CLOSED_MENU_TRIGGER, ...demand.triggerProps });
}
