import { CheckCircle2Icon, CircleSlashIcon, Loader2Icon, StarIcon, XCircleIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

/** ACTIVE success, PENDING warning, FAILED destructive, unlinked muted; any other status shown as Maton names it. */
export function ConnectionStatusBadge({ status, unlinked }: { status: string; unlinked: boolean }) {
  const t = useTranslations("connections.status");
  if (unlinked) {
    return (
      <Badge variant="secondary" className="text-muted-foreground">
        <CircleSlashIcon aria-hidden="true" />
        {t("unlinked")}
      </Badge>
    );
  }
  switch (status) {
    case "ACTIVE":
      return (
        <Badge variant="success">
          <CheckCircle2Icon aria-hidden="true" />
          {t("active")}
        </Badge>
      );
    case "PENDING":
      return (
        <Badge variant="warning">
          <Loader2Icon aria-hidden="true" className="animate-spin motion-reduce:animate-none" />
          {t("pending")}
        </Badge>
      );
    case "FAILED":
      return (
        <Badge variant="destructive">
          <XCircleIcon aria-hidden="true" />
          {t("failed")}
        </Badge>
      );
    default:
      return <Badge variant="outline">{status}</Badge>;
  }
}

export function DefaultBadge() {
  const t = useTranslations("connections.status");
  return (
    <Badge variant="info">
      <StarIcon aria-hidden="true" className="fill-current" />
      {t("default")}
    </Badge>
  );
}

const QUALITY = {
  GREEN: { key: "green", dot: "bg-success" },
  YELLOW: { key: "yellow", dot: "bg-warning" },
  RED: { key: "red", dot: "bg-destructive" },
} as const;

/** Meta's quality rating as a coloured dot with words (never colour alone). */
export function QualityRating({ rating }: { rating: string | null }) {
  const t = useTranslations("connections.quality");
  const known = rating ? QUALITY[rating as keyof typeof QUALITY] : undefined;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
      <span aria-hidden="true" className={cn("size-2 rounded-full", known?.dot ?? "bg-muted-foreground/40")} />
      {t(known?.key ?? "unknown")}
    </span>
  );
}
