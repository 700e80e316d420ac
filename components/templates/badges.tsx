import { useTranslations } from "next-intl";

import { Badge, type BadgeProps } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import { UNSENDABLE_BADGE, unsendableKindCode, unsendableReason } from "@/lib/whatsapp/template-kinds";
import {
  QUALITY_SCORES,
  TEMPLATE_CATEGORIES,
  TEMPLATE_REJECTION_REASONS,
  TEMPLATE_STATUSES,
  templateParameterFormat,
  type TemplateCategory,
  type TemplateStatus,
} from "@/lib/whatsapp/templates";

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

/** A value Meta added after this dashboard was written ("NEW_STATUS" → "New status"), shown as Meta spells it. */
export const humanize = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, " ");

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);
type RejectionReason = (typeof TEMPLATE_REJECTION_REASONS)[number];
type ColouredQuality = Exclude<(typeof QUALITY_SCORES)[number], "UNKNOWN">;

/**
 * The reader's words for Meta's codes of a template: status, category, rejection reason, quality.
 * Codes Meta adds later keep their own spelling, made readable.
 */
export function useTemplateLabels() {
  const t = useTranslations("templates");
  return {
    status: (status: string) => (isOneOf<TemplateStatus>(TEMPLATE_STATUSES, status) ? t(`statuses.${status}`) : humanize(status)),
    category: (category: string) => (isOneOf<TemplateCategory>(TEMPLATE_CATEGORIES, category) ? t(`categories.${category}`) : humanize(category)),
    /** The category inside a line of text ("en_US · marketing"). */
    categoryInline: (category: string) =>
      isOneOf<TemplateCategory>(TEMPLATE_CATEGORIES, category.toUpperCase()) ? t(`categoriesInline.${category.toUpperCase() as TemplateCategory}`) : category.toLowerCase(),
    rejectionReason: (reason: string) => (isOneOf<RejectionReason>(TEMPLATE_REJECTION_REASONS, reason) ? t(`rejectionReasons.${reason}`) : humanize(reason)),
    quality: (score: string) => (isOneOf<ColouredQuality>(["GREEN", "YELLOW", "RED"], score) ? t(`quality.${score}`) : humanize(score)),
  };
}

export function TemplateStatusBadge({ status, className }: { status: string; className?: string }) {
  const labels = useTemplateLabels();
  return (
    <Badge variant={STATUS_VARIANT[status] ?? "outline"} className={className} data-status={status}>
      {labels.status(status)}
    </Badge>
  );
}

const QUALITY_DOT: Record<string, string> = {
  GREEN: "bg-success",
  YELLOW: "bg-warning",
  RED: "bg-destructive",
};

export function QualityIndicator({ score }: { score: string | null }) {
  const labels = useTemplateLabels();
  if (!score || score === "UNKNOWN") return <span className="text-muted-foreground">—</span>;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs">
      <span className={cn("size-2 rounded-full", QUALITY_DOT[score] ?? "bg-muted-foreground")} aria-hidden="true" />
      {labels.quality(score)}
    </span>
  );
}

/**
 * What sets a template apart beyond its status, in the list and on its page: its kind when the
 * dashboard cannot send it yet (with the badge saying so), and named variables.
 */
export function TemplateTraitBadges({ template, className }: { template: { components: unknown[]; parameterFormat?: string | null }; className?: string }) {
  const t = useTranslations("templates.kinds");
  const tAll = useTranslations();
  const named = templateParameterFormat({ parameter_format: template.parameterFormat, components: template.components }) === "NAMED";
  const kind = unsendableReason(template);
  if (!named && !kind) return null;
  const code = kind ? unsendableKindCode(kind) : undefined;
  return (
    <span className={cn("inline-flex flex-wrap items-center gap-1", className)}>
      {code ? <Badge variant="secondary">{t(`labels.${code}`)}</Badge> : null}
      {named ? (
        <Badge variant="info" title={t("namedHint")}>
          {t("named")}
        </Badge>
      ) : null}
      {code ? (
        <Badge variant="warning" title={t("badgeHint", { kind: code })}>
          {tAll(UNSENDABLE_BADGE.key, UNSENDABLE_BADGE.values)}
        </Badge>
      ) : null}
    </span>
  );
}
