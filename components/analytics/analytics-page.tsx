"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import type { ComponentType } from "react";

import { RouteError } from "@/components/data/route-json";
import { PageHeader } from "@/components/shell/page-header";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { ResolvedRange } from "@/lib/analytics/views";

import { ConversationsTab } from "./conversations-tab";
import { FiltersBar, type SearchProblem } from "./filters-bar";
import { ReportSkeleton } from "./report-state";
import { ANALYTICS_TABS, VIEW_ALL_TABS, sectionOfTab, type AnalyticsTab } from "./search";
import { AnalyticsRangeContext, useAnalyticsOptions, useAnalyticsReport, useAnalyticsSearch, useAnalyticsTab } from "./use-analytics";

// Each tab's code loads when it is first opened (an inactive tab is not mounted).
const WindowsTab = dynamic(() => import("./windows-tab").then((module) => module.WindowsTab), { loading: ReportSkeleton });
const TemplatesTab = dynamic(() => import("./templates-tab").then((module) => module.TemplatesTab), { loading: ReportSkeleton });
const CampaignsTab = dynamic(() => import("./campaigns-tab").then((module) => module.CampaignsTab), { loading: ReportSkeleton });
const CostsTab = dynamic(() => import("./costs-tab").then((module) => module.CostsTab), { loading: ReportSkeleton });

const TAB_CONTENT: Record<AnalyticsTab, ComponentType> = {
  conversations: ConversationsTab,
  windows: WindowsTab,
  templates: TemplatesTab,
  campaigns: CampaignsTab,
  costs: CostsTab,
};

/** The field a refusal of the open tab's report names, to show its message there. */
function problemOf(error: Error | null): SearchProblem | null {
  return error instanceof RouteError && error.status === 400 && error.field && error.serverMessage ? { field: error.field, message: error.serverMessage } : null;
}

/**
 * /analytics: the filters (all in the URL), the range they resolved to, and one tab of figures. Agents
 * (`viewAll` false) see their own conversations and windows only; the server holds them to it anyway.
 */
export function AnalyticsPage({ viewAll }: { viewAll: boolean }) {
  const t = useTranslations("analytics");
  const [search, setSearch] = useAnalyticsSearch();
  const [tab, setTab] = useAnalyticsTab(viewAll);
  const options = useAnalyticsOptions();
  // The same query (and cache entry) as the open tab's: read here for its range and its refusals.
  const report = useAnalyticsReport<{ range: ResolvedRange }>(sectionOfTab(tab));
  const range = report.data?.range ?? null;
  const tabs = ANALYTICS_TABS.filter((one) => viewAll || !VIEW_ALL_TABS.includes(one));

  return (
    <div className="flex flex-1 flex-col gap-5 p-4 sm:p-6">
      <PageHeader title={t("title")} description={viewAll ? t("description") : t("descriptionOwn")} />
      <FiltersBar
        search={search}
        onChange={setSearch}
        options={options.data}
        optionsLoading={options.isPending}
        viewAll={viewAll}
        resolved={range}
        problem={problemOf(report.error)}
      />
      <AnalyticsRangeContext value={range}>
        <Tabs value={tab} onValueChange={(value) => setTab(tabs.find((one) => one === value) ?? "conversations")} className="gap-4">
          <TabsList aria-label={t("tabs.label")} className="max-w-full justify-start overflow-x-auto">
            {tabs.map((one) => (
              <TabsTrigger key={one} value={one} className="flex-none">
                {t(`tabs.${one}`)}
              </TabsTrigger>
            ))}
          </TabsList>
          {tabs.map((one) => {
            const Content = TAB_CONTENT[one];
            return (
              <TabsContent key={one} value={one}>
                <Content />
              </TabsContent>
            );
          })}
        </Tabs>
      </AnalyticsRangeContext>
    </div>
  );
}
