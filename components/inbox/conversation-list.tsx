"use client";

import { InboxIcon, Loader2Icon, SearchIcon, UserRoundIcon } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { useSelectedPhoneNumberId, useSelectPhoneNumber } from "@/components/phone-numbers/queries";
import { renderWhatsAppText } from "@/components/whatsapp-text";
import { Input } from "@/components/ui/input";
import { OptionSelect } from "@/components/ui/option-select";
import type { Formatter } from "@/lib/i18n/format";
import { customerLabel } from "@/lib/inbox/customer-label";
import { filtersFromSearchParams, type ConversationListFilters } from "@/lib/inbox/filters";
import type { ConversationSummary } from "@/lib/inbox/views";
import { cn } from "@/lib/utils";
import { parseWhatsAppText } from "@/lib/whatsapp/formatting";
import type { PreviewKind } from "@/lib/whatsapp/inbound";
import { serviceWindow } from "@/lib/whatsapp/service-window";

import { useConversationLabels } from "@/components/labels/api";
import { LabelChips } from "@/components/labels/label-chip";
import { labelColourOf } from "@/lib/inbox/label-views";

import { usePhoneNumbers, useConversationList, useFetchErrorText } from "./api";
import { useListSelection } from "./list-selection";
import { useRowWindow } from "./row-window";
import { useInboxContext } from "./inbox-context";
import { useNow } from "./use-now";
import { isSameDay, WindowDot, windowStateKey } from "./window-indicator";
import { ExpiringSoonChip, RowSnoozeMark, RowWindowTimeLeft, useRowLabelWithSnooze } from "./snooze-marks";
import { BusinessNumberLabel } from "@/components/phone-numbers/number-label";

// Loaded once something is ticked: the list's first load does without it.
const BulkBar = React.lazy(() => import("./bulk-bar").then((module) => ({ default: module.BulkBar })));

const ROW_HEIGHT = 76;
const DAY_MS = 24 * 3600 * 1000;

/**
 * When the last message came, the way chat lists say it, on the reader's calendar: its time today,
 * "Yesterday", the weekday within the week, else the date (with the year when not this one).
 */
function listTime(format: Formatter, yesterday: string, date: Date, now: Date): string {
  if (isSameDay(format, date, now)) return format.dateTime(date, { timeStyle: "short" });
  if (isSameDay(format, date, new Date(now.getTime() - DAY_MS))) return yesterday;
  if (now.getTime() - date.getTime() < 6 * DAY_MS) return format.dateTime(date, { weekday: "short" });
  const sameYear = format.dateTime(date, { year: "numeric" }) === format.dateTime(now, { year: "numeric" });
  return format.dateTime(date, { day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) });
}

/** Keeps the filters in the URL so a reload, a shared link or the back button keeps them. */
/**
 * The last message's summary in the reader's language: its kind's label around its own words. Plain
 * text, and rows stored before kinds were kept (an English summary, kind null), show as stored.
 */
function usePreviewText(kind: string | null, detail: string | null): string {
  const t = useTranslations("inbox.preview");
  const words = detail ?? "";
  // A kind this version does not word (a newer writer's) shows its words alone rather than a key.
  if (!kind || kind === "text" || !t.has(kind as Exclude<PreviewKind, "text">)) return words;
  return t(kind as Exclude<PreviewKind, "text">, { detail: words, hasDetail: words ? "yes" : "no" });
}

export function useListFilters(): [ConversationListFilters, (changes: Partial<ConversationListFilters>) => void, string] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const filters = React.useMemo(() => filtersFromSearchParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const update = React.useCallback(
    (changes: Partial<ConversationListFilters>) => {
      // Read the location now, not from the render: a debounced search may land after a navigation.
      const params = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === "") params.delete(key);
        else params.set(key, value);
      }
      const query = params.toString();
      const pathname = window.location.pathname;
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router],
  );
  return [filters, update, searchParams.toString()];
}

const ASSIGNEE_OPTIONS = ["mine", "unassigned", "all"] as const;

function Filters({ filters, update }: { filters: ConversationListFilters; update: (changes: Partial<ConversationListFilters>) => void }) {
  const t = useTranslations("inbox.list");
  const snoozeT = useTranslations("snooze.list");
  const [search, setSearch] = React.useState(filters.q);
  const [pushed, setPushed] = React.useState(filters.q);
  const [seenQ, setSeenQ] = React.useState(filters.q);
  const { searchRef } = useInboxContext();
  const numbers = usePhoneNumbers();
  // The inbox opens on the user's number (chosen here or on the profile page) unless the URL names one.
  const selectedNumber = useSelectedPhoneNumberId();
  const rememberNumber = useSelectPhoneNumber();
  const startedOnSelected = React.useRef(false);
  React.useEffect(() => {
    if (startedOnSelected.current || selectedNumber.data === undefined || numbers.data === undefined) return;
    startedOnSelected.current = true;
    const chosen = selectedNumber.data;
    if (!new URLSearchParams(window.location.search).has("number") && chosen && numbers.data.length > 1 && numbers.data.some((number) => number.id === chosen)) {
      update({ number: chosen });
    }
  }, [selectedNumber.data, numbers.data, update]);
  // The URL changed from elsewhere (a link, the back button): the box shows what the list shows.
  if (filters.q !== seenQ) {
    setSeenQ(filters.q);
    if (filters.q !== pushed) setSearch(filters.q);
  }
  // Typing waits for a pause before the URL (and the query) changes.
  React.useEffect(() => {
    if (search === filters.q) return;
    const timer = setTimeout(() => {
      setPushed(search);
      update({ q: search });
    }, 250);
    return () => clearTimeout(timer);
  }, [search, filters.q, update]);

  return (
    <div className="space-y-2 border-b p-3">
      {numbers.data && numbers.data.length > 1 ? (
        <OptionSelect
          label={t("phoneNumber")}
          className="h-8 w-full text-sm"
          value={filters.number || "all"}
          onValueChange={(value) => {
            update({ number: value === "all" ? "" : value });
            if (value !== "all") rememberNumber.mutate(value);
          }}
          options={[
            { value: "all", label: t("allNumbers") },
            ...numbers.data.map((number) => ({ value: number.id, label: <BusinessNumberLabel number={number} /> })),
          ]}
        />
      ) : null}
      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 start-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
        <Input
          ref={searchRef}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              setSearch("");
              update({ q: "" });
              event.currentTarget.blur();
            }
          }}
          placeholder={t("searchPlaceholder")}
          aria-label={t("search")}
          aria-keyshortcuts="/"
          className="h-8 ps-8 text-sm"
        />
      </div>
      <div role="group" aria-label={t("assignedTo")} className="grid grid-cols-3 gap-1 rounded-md bg-muted p-0.5">
        {ASSIGNEE_OPTIONS.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={filters.assignee === option}
            onClick={() => update({ assignee: option })}
            className={cn(
              "rounded-[5px] px-2 py-1 text-xs font-medium text-muted-foreground transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring",
              filters.assignee === option && "bg-background text-foreground shadow-xs",
            )}
          >
            {t(`assignee.${option}`)}
          </button>
        ))}
      </div>
      <div className="grid grid-cols-2 gap-2">
        <OptionSelect
          label={t("status")}
          className="h-8 w-full text-xs"
          value={filters.status}
          onValueChange={(value) => update({ status: value as ConversationListFilters["status"] })}
          options={[
            { value: "open", label: t("statusOption.open") },
            { value: "snoozed", label: snoozeT("statusSnoozed") },
            { value: "resolved", label: t("statusOption.resolved") },
            { value: "all", label: t("statusOption.all") },
          ]}
        />
        <OptionSelect
          label={t("window")}
          className="h-8 w-full text-xs"
          value={filters.window}
          onValueChange={(value) => update({ window: value as ConversationListFilters["window"] })}
          options={[
            { value: "all", label: t("windowOption.all") },
            { value: "open", label: t("windowOption.open") },
            { value: "expiring", label: snoozeT("windowExpiring") },
            { value: "closed", label: t("windowOption.closed") },
          ]}
        />
      </div>
      <ExpiringSoonChip active={filters.window === "expiring"} onApply={() => update({ window: filters.window === "expiring" ? "all" : "expiring" })} />
      <LabelFilter value={filters.label} onChange={(label) => update({ label })} />
    </div>
  );
}

/** The list's label filter (`?label=<id>`): any label, or the conversations carrying one. */
function LabelFilter({ value, onChange }: { value: string; onChange: (labelId: string) => void }) {
  const t = useTranslations("labels.list");
  const labels = useConversationLabels();
  if (!value && (labels.data?.length ?? 0) === 0) return null;
  return (
    <OptionSelect
      label={t("filter")}
      className="h-8 w-full text-xs"
      value={value || "any"}
      onValueChange={(next) => onChange(next === "any" ? "" : next)}
      options={[
        { value: "any", label: t("anyLabel") },
        ...(value && !labels.data?.some((label) => label.id === value) ? [{ value, label: t("unknownLabel") }] : []),
        ...(labels.data ?? []).map((label) => ({ value: label.id, label: <span dir="auto">{label.name}</span> })),
      ]}
    />
  );
}

export function ConversationRow({
  conversation,
  href,
  selected,
  now,
  timeLeft = false,
}: {
  conversation: ConversationSummary;
  href: string;
  selected: boolean;
  now: Date;
  /** Shows how long the customer's window stays open (the "Expiring soon" view). */
  timeLeft?: boolean;
}) {
  const t = useTranslations("inbox.row");
  const common = useTranslations("common");
  const format = useFormatter();
  const name = customerLabel(conversation, common);
  const preview = usePreviewText(conversation.lastMessagePreviewKind, conversation.lastMessagePreview);
  const unread = conversation.unreadCount > 0;
  const label = t("label", {
    name,
    unread: conversation.unreadCount,
    window: windowStateKey(serviceWindow(conversation.lastInboundAt, now)),
    status: conversation.status,
    assigned: conversation.assigneeName ? "yes" : "no",
    assignee: conversation.assigneeName ?? "",
  });
  const labelWithSnooze = useRowLabelWithSnooze(label, conversation, now);
  return (
    <Link
      href={href}
      aria-label={labelWithSnooze}
      aria-current={selected ? "page" : undefined}
      data-conversation-id={conversation.id}
      className={cn(
        "flex h-full gap-3 border-b px-3 py-2.5 outline-none hover:bg-accent/60 focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
        selected && "bg-accent hover:bg-accent",
      )}
    >
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <span dir="auto" className={cn("truncate text-sm", unread ? "font-semibold" : "font-medium")}>
            {name}
          </span>
          {conversation.lastMessageAt ? (
            <time
              dateTime={conversation.lastMessageAt}
              className={cn("ms-auto shrink-0 text-xs tabular-nums", unread ? "font-medium text-primary" : "text-muted-foreground")}
            >
              {listTime(format, t("yesterday"), new Date(conversation.lastMessageAt), now)}
            </time>
          ) : null}
        </div>
        <div className="mt-0.5 flex items-center gap-2">
          <p className={cn("min-w-0 flex-1 truncate text-sm", unread ? "text-foreground" : "text-muted-foreground")}>
            {conversation.lastMessageDirection === "outbound" ? <span className="text-muted-foreground">{t("you")}</span> : null}
            <bdi dir="auto">{renderWhatsAppText(parseWhatsAppText(preview), "plain")}</bdi>
          </p>
          {unread ? (
            <span className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-primary px-1.5 text-[0.7rem] font-semibold text-primary-foreground tabular-nums" aria-hidden="true">
              {conversation.unreadCount > 99 ? t("unreadOverflow", { max: format.number(99) }) : format.number(conversation.unreadCount)}
            </span>
          ) : null}
        </div>
        <div className="mt-1 flex items-center gap-1.5 text-xs text-muted-foreground">
          <WindowDot lastInboundAt={conversation.lastInboundAt} now={now} />
          <span dir={conversation.assigneeName ? "auto" : undefined} className="truncate">
            {conversation.assigneeName ? conversation.assigneeName : t("unassigned")}
          </span>
          {timeLeft ? <RowWindowTimeLeft lastInboundAt={conversation.lastInboundAt} now={now} /> : null}
          <RowSnoozeMark conversation={conversation} now={now} />
          <RowLabels labels={conversation.labels} />
          {conversation.status === "resolved" ? <span className="ms-auto shrink-0 rounded bg-muted px-1.5 py-px">{t("resolved")}</span> : null}
        </div>
      </div>
    </Link>
  );
}

/** A row's labels: two chips, then "+N". */
function RowLabels({ labels }: { labels: ConversationSummary["labels"] }) {
  const t = useTranslations("labels.list");
  const chips = React.useMemo(() => labels.map((label) => ({ ...label, color: labelColourOf(label.color) })), [labels]);
  return <LabelChips labels={chips} max={2} className="shrink" moreLabel={(count) => ({ text: t("more", { count }), label: t("moreLabels", { count }) })} />;
}

/** The left pane: filters, search and the virtualised list of conversations, newest activity first. */
export function ConversationList({ selectedId }: { selectedId: string | undefined }) {
  const t = useTranslations("inbox.list");
  const errorText = useFetchErrorText();
  const [filters, update, query] = useListFilters();
  const list = useConversationList(filters);
  const now = useNow(30_000);
  const { setConversationOrder } = useInboxContext();
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const conversations = React.useMemo(() => list.data?.pages.flatMap((page) => page.conversations) ?? [], [list.data]);

  React.useEffect(() => setConversationOrder(conversations.map((conversation) => conversation.id)), [conversations, setConversationOrder]);
  const listedIds = React.useMemo(() => conversations.map((conversation) => conversation.id), [conversations]);
  const selection = useListSelection(listedIds, query, list.isSuccess && !list.isPlaceholderData);
  const selectedRows = React.useMemo(() => conversations.filter((conversation) => selection.selected.has(conversation.id)), [conversations, selection.selected]);
  const labelsT = useTranslations("labels.bulk");
  const common = useTranslations("common");

  const rowWindow = useRowWindow({ count: conversations.length, rowHeight: ROW_HEIGHT, overscan: 10, scrollRef });
  const lastIndex = rowWindow.rows.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  React.useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= conversations.length - 15) void fetchNextPage();
  }, [lastIndex, conversations.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Keep the selected conversation in view when moving with the keyboard.
  const selectedIndex = selectedId ? conversations.findIndex((conversation) => conversation.id === selectedId) : -1;
  const { scrollToRow } = rowWindow;
  React.useEffect(() => {
    if (selectedIndex >= 0) scrollToRow(selectedIndex);
  }, [selectedIndex, scrollToRow]);

  const suffix = query ? `?${query}` : "";
  return (
    <section
      aria-label={t("label")}
      className="flex h-full min-h-0 flex-col"
      onKeyDown={(event) => {
        // Escape in the search box clears the search; elsewhere in the list it clears the selection.
        if (event.key !== "Escape" || selection.selected.size === 0 || (event.target as HTMLElement).closest("input[type=search], [role=menu], [role=dialog]")) return;
        selection.clear();
      }}
    >
      <Filters filters={filters} update={update} />
      {conversations.length > 0 ? (
        <label className="flex items-center gap-2 border-b px-3 py-1 text-xs text-muted-foreground">
          <input type="checkbox" className="size-3.5 accent-primary" checked={selection.allShown} onChange={(event) => selection.setAll(event.target.checked)} />
          {labelsT("selectAll")}
        </label>
      ) : null}
      {selection.selected.size > 0 ? (
        <React.Suspense>
          <BulkBar selectedIds={[...selection.selected]} selectedRows={selectedRows} onClear={selection.clear} />
        </React.Suspense>
      ) : null}
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" data-testid="conversation-scroller">
        {list.isPending ? (
          <p className="flex items-center gap-2 p-4 text-sm text-muted-foreground">
            <Loader2Icon className="size-4 animate-spin" aria-hidden="true" /> {t("loading")}
          </p>
        ) : list.isError ? (
          <p className="p-4 text-sm text-destructive">{t("loadError", { error: errorText(list.error) })}</p>
        ) : conversations.length === 0 ? (
          <div className="flex flex-col items-center gap-2 p-8 text-center text-sm text-muted-foreground">
            {filters.assignee === "mine" ? <UserRoundIcon className="size-6" aria-hidden="true" /> : <InboxIcon className="size-6" aria-hidden="true" />}
            <p>{filters.q ? t("noMatch", { query: filters.q }) : t("empty")}</p>
          </div>
        ) : (
          <ul
            aria-label={t("conversations")}
            aria-busy={list.isPlaceholderData || undefined}
            className={cn("relative w-full transition-opacity", list.isPlaceholderData && "opacity-60")}
            style={{ height: rowWindow.totalHeight }}
          >
            {rowWindow.rows.map((item) => {
              const conversation = conversations[item.index]!;
              return (
                <li
                  key={conversation.id}
                  aria-setsize={list.hasNextPage ? -1 : conversations.length}
                  aria-posinset={item.index + 1}
                  className="absolute top-0 start-0 w-full"
                  style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  <div className="flex h-full">
                    <div className="flex shrink-0 items-start border-b ps-3 pt-3">
                      <input
                        type="checkbox"
                        className="size-3.5 accent-primary"
                        checked={selection.selected.has(conversation.id)}
                        aria-label={labelsT("selectRow", { name: customerLabel(conversation, common) })}
                        // onClick rather than onChange: the shift key of the click picks a range.
                        onClick={(event) => selection.click(conversation.id, event.shiftKey)}
                        readOnly
                      />
                    </div>
                    <div className="min-w-0 flex-1">
                      <ConversationRow
                        conversation={conversation}
                        href={`/inbox/${conversation.id}${suffix}`}
                        selected={conversation.id === selectedId}
                        now={now}
                        timeLeft={filters.window === "expiring"}
                      />
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {isFetchingNextPage ? <p className="p-3 text-center text-xs text-muted-foreground">{t("loadingMore")}</p> : null}
      </div>
    </section>
  );
}
