/**
 * Which contacts of the list are ticked: some by id, or every one matching the view ("select all N
 * matching", which the bulk actions send as the filter itself). Pure, so the ticking rules are tested
 * without a browser.
 */
import type { ContactSelection } from "@/lib/contacts/views";

import type { ContactListView } from "./url";

export type ListSelection =
  | { mode: "ids"; ids: ReadonlySet<string>; /** The last row ticked or unticked by itself: the start of a shift-click range. */ anchor: string | null }
  | { mode: "all" };

export const NOTHING_SELECTED: ListSelection = { mode: "ids", ids: new Set(), anchor: null };

/** Whether a row is ticked. */
export function isSelected(selection: ListSelection, id: string): boolean {
  return selection.mode === "all" || selection.ids.has(id);
}

/** How many contacts the selection holds, given how many match the view. */
export function selectedCount(selection: ListSelection, total: number): number {
  return selection.mode === "all" ? total : selection.ids.size;
}

/**
 * A row's box clicked. With shift and an earlier row clicked, every row between them (in the order
 * on screen) takes the new state of the clicked one. Unticking a row while "all matching" is on keeps
 * the rows loaded so far, less that one.
 */
export function toggleRow(selection: ListSelection, rowIds: readonly string[], id: string, options: { shift: boolean }): ListSelection {
  const checked = !isSelected(selection, id);
  const ids = new Set(selection.mode === "all" ? rowIds : selection.ids);
  const anchor = selection.mode === "ids" ? selection.anchor : null;
  const from = options.shift && anchor ? rowIds.indexOf(anchor) : -1;
  const to = rowIds.indexOf(id);
  const range = from >= 0 && to >= 0 ? rowIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
  for (const rowId of range) {
    if (checked) ids.add(rowId);
    else ids.delete(rowId);
  }
  return { mode: "ids", ids, anchor: id };
}

/** The header's box: ticks every row loaded, or clears when they all are. */
export function toggleAllRows(selection: ListSelection, rowIds: readonly string[]): ListSelection {
  if (headerState(selection, rowIds) === true) return NOTHING_SELECTED;
  return { mode: "ids", ids: new Set(rowIds), anchor: null };
}

/** The header box's state: every loaded row ticked, some, or none. */
export function headerState(selection: ListSelection, rowIds: readonly string[]): boolean | "indeterminate" {
  if (selection.mode === "all") return rowIds.length > 0;
  const ticked = rowIds.filter((id) => selection.ids.has(id)).length;
  if (ticked === 0) return false;
  return ticked === rowIds.length ? true : "indeterminate";
}

/** Whether to offer "select all N matching": every row loaded is ticked and more match than that. */
export function offersAllMatching(selection: ListSelection, rowIds: readonly string[], total: number): boolean {
  return selection.mode === "ids" && rowIds.length > 0 && headerState(selection, rowIds) === true && total > selection.ids.size;
}

/** What a bulk action or an export acts on. */
export function contactSelectionOf(selection: ListSelection, view: ContactListView): ContactSelection {
  if (selection.mode === "all") return view.segmentId ? { filter: view.filter, segmentId: view.segmentId } : { filter: view.filter };
  return { ids: [...selection.ids] };
}
