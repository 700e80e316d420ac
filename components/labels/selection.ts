/** The list's selection and the bulk checklist's states, as plain functions (tested without a browser). */
import type { LabelCheckState } from "./label-checklist-state";

/** Whether every, some or none of the selected conversations carry a label (from the rows the list holds). */
export function labelStateAcross(labelId: string, selected: ReadonlyArray<{ labels: ReadonlyArray<{ id: string }> }>): LabelCheckState {
  const carrying = selected.filter((conversation) => conversation.labels.some((label) => label.id === labelId)).length;
  if (carrying === 0) return false;
  return carrying === selected.length ? true : "mixed";
}

/**
 * The selection after a click on a row's box: a plain click toggles the row; a shift-click sets every
 * row from the last clicked one (the anchor) to this one, in the list's order, to this row's new state.
 */
export function selectionAfterClick(selected: ReadonlySet<string>, order: readonly string[], clicked: string, anchor: string | null, shift: boolean): Set<string> {
  const next = new Set(selected);
  const checked = !selected.has(clicked);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  const to = order.indexOf(clicked);
  if (!shift || from < 0 || to < 0) {
    if (checked) next.add(clicked);
    else next.delete(clicked);
    return next;
  }
  for (const id of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
    if (checked) next.add(id);
    else next.delete(id);
  }
  return next;
}

