"use client";

import { AlertTriangleIcon, CopyIcon, FileTextIcon, MoreHorizontalIcon, PlusIcon, RefreshCwIcon, SearchIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useEffect, useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";

import { EmptyState } from "@/components/empty-state";
import { useLiveConnection } from "@/components/live/live-events-provider";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { syncTemplatesAction } from "@/lib/actions/templates";
import { queryKeys } from "@/lib/query-keys";
import type { TemplateListItem, TemplateListView } from "@/lib/templates/views";
import { applyTemplateFilters, parseTemplateFilters, templateFiltersQuery, type TemplateListFilters } from "@/lib/whatsapp/template-filters";
import { unsendableReason } from "@/lib/whatsapp/template-kinds";
import { useErrorWords } from "@/lib/whatsapp/use-error-words";
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from "@/lib/whatsapp/templates";

import { useTemplateList } from "./api";
import { QualityIndicator, TemplateStatusBadge, TemplateTraitBadges, useTemplateLabels } from "./badges";
import { DeleteTemplateDialog } from "./delete-template-dialog";
import { useTemplateLanguageName } from "./language-name";
import { NativeSelect } from "@/components/ui/native-select";

export function TemplatesManager({ initialView, canManage }: { initialView: TemplateListView; canManage: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();
  const t = useTranslations("templates.list");
  const tTemplates = useTranslations("templates");
  const labels = useTemplateLabels();
  const languageName = useTemplateLanguageName();
  const errorWords = useErrorWords();
  const filters = parseTemplateFilters(searchParams);
  const wabaId = searchParams.get("waba") ?? initialView.wabaId ?? "";
  const list = useTemplateList(wabaId, wabaId === (initialView.wabaId ?? "") ? initialView : undefined);
  const live = useLiveConnection();
  const view = list.data ?? initialView;
  const [search, setSearch] = useState(filters.q);
  const [deleting, setDeleting] = useState<{ wabaId: string; name: string; languages: string[] } | null>(null);

  const setFilters = (next: Partial<TemplateListFilters>) => {
    const waba = searchParams.get("waba") ?? undefined;
    router.replace(`${pathname}${templateFiltersQuery({ ...filters, ...next }, { waba })}`, { scroll: false });
  };

  // The name search updates the URL once typing pauses.
  useEffect(() => {
    if (search === filters.q) return;
    const timer = setTimeout(() => setFilters({ q: search }), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text drives this
  }, [search]);

  const sync = useAction(syncTemplatesAction, {
    onSuccess: ({ data }) => {
      toast.success(t("syncedToast", { count: data.fetched }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.templates.all });
    },
    onError: ({ error }) => toast.error(actionMessage(error, t("syncFailed"))),
  });

  const languages = useMemo(() => [...new Set(view.templates.map((template) => template.language))].sort(), [view.templates]);
  const visible = applyTemplateFilters(view.templates, filters);
  const languagesOf = (template: TemplateListItem) =>
    view.templates.filter((other) => other.name === template.name && other.status !== "DELETED").map((other) => other.language).sort();
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="flex flex-col gap-5 p-4 sm:p-6">
      <PageHeader
        title={tTemplates("title")}
        description={t("description")}
        actions={
          <>
            <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground" aria-live="polite">
              <span className={live === "live" ? "size-2 rounded-full bg-success" : "size-2 rounded-full bg-muted-foreground"} aria-hidden="true" />
              {live === "live" ? t("live") : t("connecting")}
              {view.syncedAt ? (
                <>
                  {" "}
                  {t.rich("synced", { time: () => <RelativeTime iso={view.syncedAt!} /> })}
                </>
              ) : null}
            </span>
            <Button variant="outline" size="sm" onClick={() => sync.execute({ wabaId: view.wabaId ?? undefined })} disabled={sync.isPending || !view.wabaId}>
              <RefreshCwIcon className={sync.isPending ? "animate-spin" : undefined} aria-hidden="true" />
              {t("syncNow")}
            </Button>
            {canManage && view.wabaId ? (
              <Button asChild size="sm">
                <Link href={`/templates/new?waba=${view.wabaId}`}>
                  <PlusIcon aria-hidden="true" />
                  {t("newTemplate")}
                </Link>
              </Button>
            ) : null}
          </>
        }
      />

      {view.syncProblem ? (
        <Alert variant="destructive">
          <AlertTriangleIcon aria-hidden="true" />
          <AlertTitle>{t("syncProblemTitle", { title: errorWords(view.syncProblem.explanationKey).title })}</AlertTitle>
          <AlertDescription>
            {t("syncProblemDescription", { explanation: errorWords(view.syncProblem.explanationKey).explanation, action: errorWords(view.syncProblem.explanationKey).action })}
          </AlertDescription>
        </Alert>
      ) : null}

      {!view.wabaId ? (
        <EmptyState
          icon={FileTextIcon}
          title={t("noAccountTitle")}
          description={t("noAccountDescription")}
        />
      ) : (
        <>
          <div role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-3">
            {view.accounts.length > 1 ? (
              <div className="space-y-1">
                <Label htmlFor="template-waba" className="text-xs text-muted-foreground">{t("account")}</Label>
                <NativeSelect
                  id="template-waba"
                  value={view.wabaId}
                  onChange={(event) => router.push(`${pathname}${templateFiltersQuery(filters, { waba: event.target.value })}`)}
                  className="w-52"
                >
                  {view.accounts.map((account) => (
                    <option key={account.wabaId} value={account.wabaId}>
                      {account.name ?? account.wabaId}
                    </option>
                  ))}
                </NativeSelect>
              </div>
            ) : null}
            <div className="min-w-52 flex-1 space-y-1">
              <Label htmlFor="template-search" className="text-xs text-muted-foreground">{t("search")}</Label>
              <div className="relative">
                <SearchIcon className="pointer-events-none absolute top-1/2 start-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
                <Input id="template-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t("searchPlaceholder")} className="ps-8" />
              </div>
            </div>
            <FilterSelect
              id="template-category"
              label={t("category")}
              value={filters.category}
              onChange={(category) => setFilters({ category })}
              options={TEMPLATE_CATEGORIES.map((category) => ({ value: category, label: labels.category(category) }))}
            />
            <FilterSelect
              id="template-status"
              label={t("status")}
              value={filters.status}
              onChange={(status) => setFilters({ status })}
              options={TEMPLATE_STATUSES.map((status) => ({ value: status, label: labels.status(status) }))}
            />
            <FilterSelect
              id="template-language"
              label={t("language")}
              value={filters.language}
              onChange={(language) => setFilters({ language })}
              options={languages.map((code) => ({ value: code, label: tTemplates("languageOption", { name: languageName(code), code }) }))}
            />
            {filtered ? (
              <Button variant="ghost" size="sm" onClick={() => { setSearch(""); setFilters({ category: "", status: "", language: "", q: "" }); }}>
                {t("clearFilters")}
              </Button>
            ) : null}
          </div>

          <div className="overflow-hidden rounded-lg border bg-card">
            <Table aria-label={t("table")}>
              <TableHeader>
                <TableRow className="bg-muted/40 hover:bg-muted/40">
                  <TableHead className="ps-4">{t("name")}</TableHead>
                  <TableHead>{t("language")}</TableHead>
                  <TableHead>{t("category")}</TableHead>
                  <TableHead>{t("status")}</TableHead>
                  <TableHead>{t("quality")}</TableHead>
                  <TableHead>{t("updated")}</TableHead>
                  <TableHead className="w-12 pe-4"><span className="sr-only">{t("actions")}</span></TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {visible.map((template) => (
                  <TableRow key={template.id} data-template-id={template.id}>
                    <TableCell className="ps-4 font-medium">
                      <Link href={`/templates/${template.id}`} className="font-mono text-[13px] hover:underline">
                        {template.name}
                      </Link>
                      <TemplateTraitBadges template={template} className="mt-1 flex" />
                    </TableCell>
                    <TableCell className="font-mono text-xs text-muted-foreground">
                      <span title={languageName(template.language)}>{template.language}</span>
                    </TableCell>
                    <TableCell className="text-xs">
                      {labels.category(template.category)}
                      {template.previousCategory ? (
                        <span className="block text-muted-foreground">{t("previousCategory", { category: labels.category(template.previousCategory) })}</span>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <TemplateStatusBadge status={template.status} />
                      {template.status === "REJECTED" && template.rejectedReason ? (
                        <span className="mt-0.5 block text-xs text-destructive">{t("rejectedReason", { reason: labels.rejectionReason(template.rejectedReason) })}</span>
                      ) : null}
                    </TableCell>
                    <TableCell><QualityIndicator score={template.qualityScore} /></TableCell>
                    <TableCell className="text-xs text-muted-foreground"><RelativeTime iso={template.updatedAt} /></TableCell>
                    <TableCell className="pe-4 text-end">
                      <DropdownMenu>
                        <DropdownMenuTrigger asChild>
                          <Button variant="ghost" size="icon-sm" aria-label={t("rowActions", { name: template.name, language: template.language })}>
                            <MoreHorizontalIcon aria-hidden="true" />
                          </Button>
                        </DropdownMenuTrigger>
                        <DropdownMenuContent align="end">
                          <DropdownMenuItem asChild><Link href={`/templates/${template.id}`}>{canManage ? t("open") : t("preview")}</Link></DropdownMenuItem>
                          {canManage ? (
                            <>
                              {/* The editor cannot hold a carousel's cards, an offer or a flow: a copy would lose them. */}
                              {unsendableReason(template) ? null : (
                                <DropdownMenuItem asChild>
                                  <Link href={`/templates/new?from=${template.id}`}><CopyIcon aria-hidden="true" />{t("duplicate")}</Link>
                                </DropdownMenuItem>
                              )}
                              <DropdownMenuSeparator />
                              <DropdownMenuItem
                                variant="destructive"
                                disabled={template.status === "DELETED"}
                                onSelect={() => setDeleting({ wabaId: template.wabaId, name: template.name, languages: languagesOf(template) })}
                              >
                                <Trash2Icon aria-hidden="true" />
                                {t("delete")}
                              </DropdownMenuItem>
                            </>
                          ) : null}
                        </DropdownMenuContent>
                      </DropdownMenu>
                    </TableCell>
                  </TableRow>
                ))}
                {visible.length === 0 ? (
                  <TableRow>
                    <TableCell colSpan={7} className="py-12 text-center text-sm text-muted-foreground">
                      {view.templates.length === 0 ? t("empty") : t("noMatch")}
                    </TableCell>
                  </TableRow>
                ) : null}
              </TableBody>
            </Table>
          </div>
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {t("count", { visible: visible.length, total: view.templates.filter((template) => template.status !== "DELETED").length })}
          </p>
        </>
      )}
      <DeleteTemplateDialog target={deleting} onOpenChange={(open) => !open && setDeleting(null)} />
    </div>
  );
}

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const t = useTranslations("templates.list");
  return (
    <div className="space-y-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">{label}</Label>
      <NativeSelect id={id} value={value} onChange={(event) => onChange(event.target.value)} className="w-40">
        <option value="">{t("all")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
