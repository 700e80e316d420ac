import { ScrollTextIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";

import { auditActionLabel, auditTargetType } from "./action-labels";

export interface AuditRow {
  id: number;
  at: string;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, unknown>;
}

function formatDetail(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The target's email is already in the Target column; other details are listed as they were recorded. */
function Details({ details, targetLabel }: { details: Record<string, unknown>; targetLabel: string | null }) {
  const entries = Object.entries(details).filter(([key, value]) => !(key === "email" && value === targetLabel));
  if (entries.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <dl className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
      {entries.map(([key, value]) => (
        <div key={key} className="flex gap-1">
          <dt className="text-muted-foreground">{key}</dt>
          <dd dir="auto" className="max-w-48 truncate font-mono" title={formatDetail(value)}>
            {formatDetail(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Read-only: the audit log has no controls that change it. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = useTranslations("audit");
  if (rows.length === 0) {
    return <EmptyState icon={ScrollTextIcon} title={t("empty.title")} description={t("empty.description")} />;
  }
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-xs">
      <Table aria-label={t("table.label")}>
        <TableHeader className="bg-muted/40">
          <TableRow className="hover:bg-transparent">
            <TableHead className="ps-4">{t("table.time")}</TableHead>
            <TableHead>{t("table.actor")}</TableHead>
            <TableHead>{t("table.action")}</TableHead>
            <TableHead>{t("table.target")}</TableHead>
            <TableHead>{t("table.details")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              <TableCell className="ps-4 text-muted-foreground">
                <RelativeTime iso={row.at} />
              </TableCell>
              <TableCell>
                {row.actorEmail ? (
                  <div className="min-w-0">
                    <div dir="auto" className="truncate font-medium">
                      {row.actorName ?? row.actorEmail}
                    </div>
                    {row.actorName ? (
                      <div className="truncate text-xs text-muted-foreground">
                        <bdi>{row.actorEmail}</bdi>
                      </div>
                    ) : null}
                  </div>
                ) : (
                  <span className="text-muted-foreground">{t("table.system")}</span>
                )}
              </TableCell>
              <TableCell>
                <Badge variant="outline" title={row.action}>
                  {auditActionLabel(t, row.action)}
                </Badge>
              </TableCell>
              <TableCell className="max-w-56">
                {row.targetType ? (
                  <div className="min-w-0">
                    <div dir="auto" className="truncate">
                      {row.targetLabel ?? row.targetId}
                    </div>
                    <div className="truncate text-xs text-muted-foreground">{auditTargetType(t, row.targetType)}</div>
                  </div>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
              <TableCell className="max-w-80 whitespace-normal">
                <Details details={row.details} targetLabel={row.targetLabel} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
