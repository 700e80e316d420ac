import { CheckCircle2Icon, CircleSlashIcon, Loader2Icon, StarIcon, XCircleIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

/** ACTIVE success, PENDING warning, FAILED destructive, unlinked muted; any other status shown as it is. */
export function ConnectionStatusBadge({ status, unlinked }: { status: string; unlinked: boolean }) {
  if (unlinked) {
    return (
      <Badge variant="secondary" className="text-muted-foreground">
        <CircleSlashIcon aria-hidden="true" />
        Unlinked
      </Badge>
    );
  }
  switch (status) {
    case "ACTIVE":
      return (
        <Badge variant="success">
          <CheckCircle2Icon aria-hidden="true" />
          Active
        </Badge>
      );
    case "PENDING":
      return (
        <Badge variant="warning">
          <Loader2Icon aria-hidden="true" className="animate-spin motion-reduce:animate-none" />
          Waiting for authorisation
        </Badge>
      );
    case "FAILED":
      return (
        <Badge variant="destructive">
          <XCircleIcon aria-hidden="true" />
          Failed
        </Badge>
      );
    default:
      return <Badge variant="outline">{status}</Badge>;
  }
}

export function DefaultBadge() {
  return (
    <Badge variant="info">
      <StarIcon aria-hidden="true" className="fill-current" />
      Default
    </Badge>
  );
}

const QUALITY: Record<string, { label: string; dot: string }> = {
  GREEN: { label: "High quality", dot: "bg-success" },
  YELLOW: { label: "Medium quality", dot: "bg-warning" },
  RED: { label: "Low quality", dot: "bg-destructive" },
};

/** Meta's quality rating as a coloured dot with words (never colour alone). */
export function QualityRating({ rating }: { rating: string | null }) {
  const known = rating ? QUALITY[rating] : undefined;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
      <span aria-hidden="true" className={cn("size-2 rounded-full", known?.dot ?? "bg-muted-foreground/40")} />
      {known?.label ?? "Quality unknown"}
    </span>
  );
}
