import { Badge, type BadgeProps } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

const STATUS_VARIANT: Record<string, BadgeProps["variant"]> = {
  APPROVED: "success",
  PENDING: "warning",
  IN_APPEAL: "info",
  REJECTED: "destructive",
  LIMIT_EXCEEDED: "destructive",
  PAUSED: "secondary",
  DISABLED: "secondary",
  PENDING_DELETION: "secondary",
  DELETED: "outline",
  ARCHIVED: "outline",
};

export const humanize = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, " ");

export function TemplateStatusBadge({ status, className }: { status: string; className?: string }) {
  return (
    <Badge variant={STATUS_VARIANT[status] ?? "outline"} className={className} data-status={status}>
      {humanize(status)}
    </Badge>
  );
}

const QUALITY_DOT: Record<string, string> = {
  GREEN: "bg-success",
  YELLOW: "bg-warning",
  RED: "bg-destructive",
};

export function QualityIndicator({ score }: { score: string | null }) {
  if (!score || score === "UNKNOWN") return <span className="text-muted-foreground">—</span>;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs">
      <span className={cn("size-2 rounded-full", QUALITY_DOT[score] ?? "bg-muted-foreground")} aria-hidden="true" />
      {humanize(score)}
    </span>
  );
}
