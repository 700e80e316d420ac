"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type VisibilityState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Loader2Icon, SearchXIcon, UploadIcon, UsersRoundIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import * as React from "react";

import { EmptyState } from "@/components/empty-state";
import { useNow } from "@/components/inbox/use-now";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AttributeDefinitionView, ContactListItem } from "@/lib/contacts/views";
import { formatPhone, formatUsername } from "@/lib/inbox/customer-label";
import { cn } from "@/lib/utils";

import { useAttributeDefinitions, useContactList, useContactsErrorText } from "../api";
import { TagChip } from "../tags/tag-chip";
import { BulkBar } from "./bulk-bar";
import { AttributeCell, ConsentBadge, contactName, NameCell, WindowCell } from "./cells";
import { headerState, isSelected, NOTHING_SELECTED, offersAllMatching, selectedCount, toggleAllRows, toggleRow, type ListSelection } from "./selection";
import { ContactsToolbar } from "./toolbar";
import { hasNarrowing, searchParamsFromFilter } from "./url";
import { useListView, useShownAttributeColumns } from "./use-list-view";

type TableTranslator = ReturnType<typeof useTranslations<"contacts.table">>;

const ROW_HEIGHT = 53;
/** Fetch the next page while this many rows are left below the last one drawn. */
const PREFETCH_ROWS = 20;
const ATTRIBUTE_PREFIX = "attribute:";

/** Column widths: the table is laid out fixed, so virtualised rows never shift the columns. */
const WIDTHS: Record<string, string> = {
  select: "w-10",
  // The name takes what the others leave: the whole table fits a laptop's screen beside the sidebar.
  name: "min-w-40",
  number: "w-36",
  username: "w-28",
  tags: "w-44",
  consent: "w-28",
  lastMessage: "w-28",
  window: "w-32",
};

interface SelectionControls {
  selection: ListSelection;
  rowIds: readonly string[];
  onToggle: (id: string, shift: boolean) => void;
  onToggleAll: () => void;
}

function columnsFor(t: TableTranslator, attributes: readonly AttributeDefinitionView[], select: SelectionControls | null, now: Date): Array<ColumnDef<ContactListItem>> {
  const columns: Array<ColumnDef<ContactListItem>> = [];
  if (select) {
    columns.push({
      id: "select",
      header: () => (
        <Checkbox aria-label={t("selectAllLoaded")} checked={headerState(select.selection, select.rowIds)} onCheckedChange={select.onToggleAll} />
      ),
      cell: ({ row }) => (
        <Checkbox
          aria-label={t("selectRow", { name: contactName(row.original) })}
          checked={isSelected(select.selection, row.original.id)}
          // The click, not the change: only the click says whether shift was held.
          onClick={(event) => {
            event.preventDefault();
            select.onToggle(row.original.id, event.shiftKey);
          }}
        />
      ),
    });
  }
  columns.push(
    { id: "name", header: () => t("columns.name"), cell: ({ row }) => <NameCell contact={row.original} /> },
    {
      id: "number",
      header: () => t("columns.number"),
      cell: ({ row }) => (row.original.phoneNumber ? <bdi dir="ltr" className="tabular-nums">{formatPhone(row.original.phoneNumber)}</bdi> : <Missing />),
    },
    {
      id: "username",
      header: () => t("columns.username"),
      cell: ({ row }) => (row.original.username ? <bdi dir="ltr">{formatUsername(row.original.username)}</bdi> : <Missing />),
    },
    {
      id: "tags",
      header: () => t("columns.tags"),
      cell: ({ row }) =>
        row.original.tags.length > 0 ? (
          <ul aria-label={t("tagsOf", { name: contactName(row.original) })} className="flex gap-1 overflow-hidden">
            {row.original.tags.map((tag) => (
              <li key={tag.id} className="shrink-0">
                <TagChip tag={tag} />
              </li>
            ))}
          </ul>
        ) : (
          <Missing />
        ),
    },
    { id: "consent", header: () => t("columns.consent"), cell: ({ row }) => <ConsentBadge consent={row.original.consent} /> },
    {
      id: "lastMessage",
      header: () => t("columns.lastMessage"),
      cell: ({ row }) => (row.original.lastMessageAt ? <RelativeTime iso={row.original.lastMessageAt} className="text-muted-foreground" /> : <Missing />),
    },
    { id: "window", header: () => t("columns.window"), cell: ({ row }) => <WindowCell contact={row.original} now={now} /> },
    ...attributes.map(
      (definition): ColumnDef<ContactListItem> => ({
        id: `${ATTRIBUTE_PREFIX}${definition.key}`,
        header: () => <span dir="auto">{definition.name}</span>,
        cell: ({ row }) => <AttributeCell definition={definition} value={row.original.attributes[definition.key]} />,
      }),
    ),
  );
  return columns;
}

function Missing() {
  return (
    <span className="text-muted-foreground" aria-hidden="true">
      —
    </span>
  );
}

function LoadingRows({ columns }: { columns: number }) {
  return (
    <>
      {Array.from({ length: 8 }, (_, index) => (
        <TableRow key={index} className="hover:bg-transparent">
          {Array.from({ length: columns }, (__, cell) => (
            <TableCell key={cell}>
              <Skeleton className={cn("h-4", cell === 0 ? "w-4" : "w-24")} />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </>
  );
}

/** "All 50 on screen are selected. Select all 12,480 matching" — and the way back. */
function SelectionNotice({ selection, rowCount, total, onSelectAll, onClear }: { selection: ListSelection; rowCount: number; total: number; onSelectAll: () => void; onClear: () => void }) {
  const t = useTranslations("contacts.table");
  if (selection.mode === "all") {
    return (
      <p role="status" className="flex flex-wrap items-center gap-2 text-sm">
        {t("allMatchingSelected", { count: total })}
        <Button type="button" variant="link" size="sm" className="h-auto p-0" onClick={onClear}>
          {t("clearSelection")}
        </Button>
      </p>
    );
  }
  return (
    <p role="status" className="flex flex-wrap items-center gap-2 text-sm">
      {t("loadedSelected", { count: rowCount })}
      <Button type="button" variant="link" size="sm" className="h-auto p-0" onClick={onSelectAll}>
        {t("selectAllMatching", { count: total })}
      </Button>
    </p>
  );
}

/**
 * The contact list: toolbar, count, a virtualised table loaded page by page as it scrolls, and, for
 * those who manage contacts, ticking (shift-click ranges, "select all N matching") and the bulk bar.
 */
export function ContactsList({ canManage }: { canManage: boolean }) {
  const t = useTranslations("contacts.table");
  const tPage = useTranslations("contacts.page");
  const errorText = useContactsErrorText();
  const [view, setView] = useListView();
  const list = useContactList(view);
  const attributes = useAttributeDefinitions();
  const [shownColumns, setShownColumns] = useShownAttributeColumns();
  const now = useNow(60_000);
  const scrollRef = React.useRef<HTMLDivElement>(null);

  const contacts = React.useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;
  const rowIds = React.useMemo(() => contacts.map((contact) => contact.id), [contacts]);

  // A new view starts with nothing ticked: what was ticked may not be in it.
  const viewKey = searchParamsFromFilter(view).toString();
  const [selection, setSelection] = React.useState<ListSelection>(NOTHING_SELECTED);
  const [selectionView, setSelectionView] = React.useState(viewKey);
  if (selectionView !== viewKey) {
    setSelectionView(viewKey);
    setSelection(NOTHING_SELECTED);
  }
  const clearSelection = React.useCallback(() => setSelection(NOTHING_SELECTED), []);

  const definitions = React.useMemo(() => attributes.data ?? [], [attributes.data]);
  const selectControls: SelectionControls | null = canManage
    ? {
        selection,
        rowIds,
        onToggle: (id, shift) => setSelection((current) => toggleRow(current, rowIds, id, { shift })),
        onToggleAll: () => setSelection((current) => toggleAllRows(current, rowIds)),
      }
    : null;
  const columns = columnsFor(t, definitions, selectControls, now);
  const columnVisibility: VisibilityState = Object.fromEntries(
    definitions.map((definition) => [`${ATTRIBUTE_PREFIX}${definition.key}`, shownColumns.includes(definition.key)]),
  );
  // TanStack Table keeps its state in an object the React Compiler cannot memoize: this component is left uncompiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: contacts,
    columns,
    state: { columnVisibility },
    getRowId: (contact) => contact.id,
    getCoreRowModel: getCoreRowModel(),
  });
  const rows = table.getRowModel().rows;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The server's render (and the first paint) draws the rows a usual screen shows.
    initialRect: { width: 1280, height: 16 * ROW_HEIGHT },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  React.useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const visibleColumns = table.getVisibleLeafColumns().length;

  const narrowed = hasNarrowing(view);
  const empty = !list.isPending && !list.isError && contacts.length === 0;
  const count = selectedCount(selection, total);

  return (
    <div className="flex h-full min-h-0 flex-col gap-3 px-6 py-4">
      <ContactsToolbar
        view={view}
        onViewChange={setView}
        canManage={canManage}
        attributes={definitions}
        shownColumns={shownColumns}
        onShownColumnsChange={setShownColumns}
      />
      <div className="flex min-h-8 flex-wrap items-center gap-x-4 gap-y-2">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {list.data ? t("total", { count: total }) : null}
        </p>
        {canManage && (selection.mode === "all" || offersAllMatching(selection, rowIds, total)) ? (
          <SelectionNotice
            selection={selection}
            rowCount={rowIds.length}
            total={total}
            onSelectAll={() => setSelection({ mode: "all" })}
            onClear={clearSelection}
          />
        ) : null}
      </div>
      {canManage && count > 0 ? <BulkBar selection={selection} view={view} total={total} onClear={clearSelection} /> : null}
      {list.isError ? <FormError message={t("loadFailed", { error: errorText(list.error) })} /> : null}
      {empty ? (
        narrowed ? (
          <EmptyState
            icon={SearchXIcon}
            title={t("noMatch.title")}
            description={t("noMatch.description")}
            action={
              <Button type="button" variant="outline" onClick={() => setView({ filter: {}, sort: view.sort })}>
                <XIcon aria-hidden="true" />
                {t("noMatch.clear")}
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={UsersRoundIcon}
            title={t("empty.title")}
            description={canManage ? t("empty.descriptionManager") : t("empty.description")}
            action={
              canManage ? (
                <Button asChild>
                  <Link href="/contacts/imports">
                    <UploadIcon aria-hidden="true" />
                    {tPage("import")}
                  </Link>
                </Button>
              ) : undefined
            }
          />
        )
      ) : (
        <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto rounded-md border" data-testid="contacts-scroller">
          <table
            aria-label={t("label")}
            aria-rowcount={list.data ? total + 1 : undefined}
            aria-busy={list.isPending || list.isPlaceholderData || undefined}
            className={cn("w-full min-w-[60rem] table-fixed caption-bottom text-sm transition-opacity", list.isPlaceholderData && "opacity-60")}
          >
            <TableHeader className="sticky top-0 z-10 bg-background shadow-[0_1px_0_var(--color-border)]">
              {table.getHeaderGroups().map((group) => (
                <TableRow key={group.id} aria-rowindex={1} className="hover:bg-transparent">
                  {group.headers.map((header) => (
                    <TableHead key={header.id} className={WIDTHS[header.column.id] ?? "w-40"}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                    </TableHead>
                  ))}
                </TableRow>
              ))}
            </TableHeader>
            <TableBody>
              {list.isPending ? (
                <LoadingRows columns={visibleColumns} />
              ) : (
                <>
                  {paddingTop > 0 ? (
                    <tr aria-hidden="true">
                      <td colSpan={visibleColumns} style={{ height: paddingTop }} />
                    </tr>
                  ) : null}
                  {items.map((item) => {
                    const row = rows[item.index]!;
                    const ticked = canManage && isSelected(selection, row.id);
                    return (
                      <TableRow
                        key={row.id}
                        aria-rowindex={item.index + 2}
                        aria-selected={canManage ? ticked : undefined}
                        data-state={ticked ? "selected" : undefined}
                        data-contact-id={row.id}
                        style={{ height: ROW_HEIGHT }}
                      >
                        {row.getVisibleCells().map((cell) => (
                          <TableCell key={cell.id} className="overflow-hidden py-1.5">
                            {flexRender(cell.column.columnDef.cell, cell.getContext())}
                          </TableCell>
                        ))}
                      </TableRow>
                    );
                  })}
                  {paddingBottom > 0 ? (
                    <tr aria-hidden="true">
                      <td colSpan={visibleColumns} style={{ height: paddingBottom }} />
                    </tr>
                  ) : null}
                </>
              )}
            </TableBody>
          </table>
          {isFetchingNextPage ? (
            <p className="flex items-center justify-center gap-2 p-3 text-xs text-muted-foreground">
              <Loader2Icon className="size-3.5 animate-spin" aria-hidden="true" />
              {t("loadingMore")}
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
