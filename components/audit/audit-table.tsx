import { ScrollTextIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";

import { auditActionLabel } from "./action-labels";

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
          <dd className="max-w-48 truncate font-mono" title={formatDetail(value)}>
            {formatDetail(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Read-only: the audit log has no controls that change it. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={ScrollTextIcon}
        title="No entries"
        description="Nothing recorded matches these filters. Widen the dates or clear a filter."
      />
    );
  }
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-xs">
      <Table aria-label="Audit log entries">
        <TableHeader className="bg-muted/40">
          <TableRow className="hover:bg-transparent">
            <TableHead className="ps-4">Time</TableHead>
            <TableHead>Actor</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Target</TableHead>
            <TableHead>Details</TableHead>
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
                    <div className="truncate font-medium">{row.actorName ?? row.actorEmail}</div>
                    {row.actorName ? <div className="truncate text-xs text-muted-foreground">{row.actorEmail}</div> : null}
                  </div>
                ) : (
                  <span className="text-muted-foreground">System</span>
                )}
              </TableCell>
              <TableCell>
                <Badge variant="outline" title={row.action}>
                  {auditActionLabel(row.action)}
                </Badge>
              </TableCell>
              <TableCell className="max-w-56">
                {row.targetType ? (
                  <div className="min-w-0">
                    <div className="truncate">{row.targetLabel ?? row.targetId}</div>
                    <div className="truncate text-xs text-muted-foreground">{row.targetType}</div>
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
