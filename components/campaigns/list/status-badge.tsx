"use client";

import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import type { CampaignStatus } from "@/db/campaign-statuses";

import { statusTone } from "../results/summary";

/** A campaign's status in the reader's words, tinted by what it means (running, needs a look, done). */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const t = useTranslations("campaigns.status");
  return (
    <Badge variant={statusTone(status)} data-status={status}>
      {status === "sending" ? <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-current" /> : null}
      {t(status)}
    </Badge>
  );
}
