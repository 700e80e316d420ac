import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { z } from "@/lib/zod";

import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable, type AuditRow } from "@/components/audit/audit-table";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { listAuditActions, listAuditEntries } from "@/db/queries/audit";
import { listUsers } from "@/db/queries/users";
import { requirePageAccess } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

const PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A bad value in the URL is ignored rather than failing the page. */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));
const filtersSchema = z.object({
  user: optional(z.uuid()),
  action: optional(z.string().min(1).max(100)),
  from: optional(isoDay),
  to: optional(isoDay),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export default async function Page({ searchParams }: PageProps<"/settings/audit">) {
  await requirePageAccess("audit.view");
  const t = await getTranslations("audit");
  const raw = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const filters = filtersSchema.parse({
    user: first(raw.user),
    action: first(raw.action),
    from: first(raw.from),
    to: first(raw.to),
    page: first(raw.page) ?? 1,
  });

  const db = await getDb();
  const [result, actions, users] = await Promise.all([
    listAuditEntries(
      db,
      {
        actorId: filters.user,
        action: filters.action,
        from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
        // "To" includes the whole day.
        before: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS) : undefined,
      },
      { page: filters.page, pageSize: PAGE_SIZE },
    ),
    listAuditActions(db),
    listUsers(db),
  ]);

  const rows: AuditRow[] = result.entries.map((entry) => ({
    id: entry.id,
    at: entry.at.toISOString(),
    actorName: entry.actorName,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    targetLabel: entry.targetLabel,
    details: entry.details,
  }));
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const firstShown = result.total === 0 ? 0 : (result.page - 1) * PAGE_SIZE + 1;
  const lastShown = Math.min(result.total, result.page * PAGE_SIZE);
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const name of ["user", "action", "from", "to"] as const) {
      const value = filters[name];
      if (value) params.set(name, value);
    }
    if (page > 1) params.set("page", String(page));
    return params.size > 0 ? `/settings/audit?${params}` : "/settings/audit";
  };

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-5 p-6">
      <PageHeader title={t("title")} description={t("description")} />
      <ClientMessages namespaces={["audit"]}>
        <AuditFilters
          actors={users.map((user) => ({ id: user.id, name: user.name, email: user.email }))}
          actions={actions}
        />
      </ClientMessages>
      <AuditTable rows={rows} />
      <nav aria-label={t("pages.label")} className="flex items-center justify-between gap-3 text-sm text-muted-foreground">
        <p aria-live="polite">
          {result.total === 0 ? t("pages.none") : t("pages.showing", { first: firstShown, last: lastShown, total: result.total })}
        </p>
        <div className="flex items-center gap-2">
          <span>{t("pages.page", { page: Math.min(result.page, pageCount), count: pageCount })}</span>
          {result.page > 1 ? (
            <Button asChild variant="outline" size="sm">
              <Link href={pageHref(result.page - 1)} rel="prev">
                <ChevronLeftIcon aria-hidden="true" className="rtl:-scale-x-100" />
                {t("pages.newer")}
              </Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>
              <ChevronLeftIcon aria-hidden="true" className="rtl:-scale-x-100" />
              {t("pages.newer")}
            </Button>
          )}
          {result.page < pageCount ? (
            <Button asChild variant="outline" size="sm">
              <Link href={pageHref(result.page + 1)} rel="next">
                {t("pages.older")}
                <ChevronRightIcon aria-hidden="true" className="rtl:-scale-x-100" />
              </Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>
              {t("pages.older")}
              <ChevronRightIcon aria-hidden="true" className="rtl:-scale-x-100" />
            </Button>
          )}
        </div>
      </nav>
    </div>
  );
}
