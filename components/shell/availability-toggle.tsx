"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CheckIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";

import { usePresence } from "@/components/notifications/api";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { runAction } from "@/lib/action-result";
import { setAvailabilityAction } from "@/lib/actions/availability";
import { AVAILABILITIES } from "@/lib/users/availability-values";
import type { PresenceView } from "@/lib/notifications/views";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

type Availability = (typeof AVAILABILITIES)[number];

function Dot({ availability }: { availability: Availability }) {
  return <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", availability === "available" ? "bg-emerald-500" : "bg-amber-500")} />;
}

/**
 * The header's "available or away": auto-assignment gives new conversations only to those available.
 * Shown as the state in words and a dot; the menu sets it at once.
 */
export function AvailabilityToggle() {
  const t = useTranslations("shell.availability");
  const queryClient = useQueryClient();
  const { data } = usePresence();
  const [pending, setPending] = useState<Availability | null>(null);
  const current: Availability = pending ?? data?.availability ?? "available";

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

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="gap-2" disabled={data === undefined} aria-label={t("button", { state: t(current) })}>
          <Dot availability={current} />
          <span className="hidden sm:inline">{t(current)}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="font-normal text-muted-foreground">{t("menuLabel")}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {AVAILABILITIES.map((availability) => (
          <DropdownMenuItem key={availability} aria-label={t(availability)} onSelect={() => void choose(availability)} className="items-start">
            <span className="mt-1.5">
              <Dot availability={availability} />
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
