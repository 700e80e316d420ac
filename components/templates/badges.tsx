import { Badge, type BadgeProps } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import { UNSENDABLE_BADGE, unsendableReason, type UnsendableKind } from "@/lib/whatsapp/template-kinds";
import { templateParameterFormat } from "@/lib/whatsapp/templates";

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

/** The badge of templates whose variables are `{{first_name}}`-style. */
export const NAMED_VARIABLES_BADGE = "Named variables";

/** "limited-time offer" → "Limited-time offer". */
export const templateKindLabel = (kind: UnsendableKind) => kind.charAt(0).toUpperCase() + kind.slice(1);

/**
 * What sets a template apart beyond its status, in the list and on its page: its kind when the
 * dashboard cannot send it yet (with the badge saying so), and named variables.
 */
export function TemplateTraitBadges({ template, className }: { template: { components: unknown[]; parameterFormat?: string | null }; className?: string }) {
  const named = templateParameterFormat({ parameter_format: template.parameterFormat, components: template.components }) === "NAMED";
  const kind = unsendableReason(template);
  if (!named && !kind) return null;
  return (
    <span className={cn("inline-flex flex-wrap items-center gap-1", className)}>
      {kind ? <Badge variant="secondary">{templateKindLabel(kind)}</Badge> : null}
      {named ? (
        <Badge variant="info" title="Its variables have names, such as {{first_name}}, and are sent by name.">
          {NAMED_VARIABLES_BADGE}
        </Badge>
      ) : null}
      {kind ? (
        <Badge variant="warning" title={`The inbox's template picker cannot fill ${kind} templates yet, so it does not offer this one.`}>
          {UNSENDABLE_BADGE}
        </Badge>
      ) : null}
    </span>
  );
}
