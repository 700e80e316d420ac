"use client";

import * as React from "react";

import { selectionAfterClick } from "@/components/labels/selection";

/**
 * The list's ticked conversations, by id, so they survive scrolling (rows unmount) and live refreshes
 * (rows move). Only a change of filters drops the ids no longer listed, once the new list has arrived.
 */
export function useListSelection(listedIds: readonly string[], filterKey: string, settled: boolean) {
  const [selected, setSelected] = React.useState<ReadonlySet<string>>(() => new Set());
  const [anchor, setAnchor] = React.useState<string | null>(null);
  const [prunedFor, setPrunedFor] = React.useState(filterKey);
  if (settled && prunedFor !== filterKey) {
    setPrunedFor(filterKey);
    const listed = new Set(listedIds);
    if ([...selected].some((id) => !listed.has(id))) setSelected(new Set([...selected].filter((id) => listed.has(id))));
  }
  const click = React.useCallback(
    (id: string, shift: boolean) => {
      setSelected((current) => selectionAfterClick(current, listedIds, id, anchor, shift));
      setAnchor(id);
    },
    [listedIds, anchor],
  );
  const setAll = React.useCallback((checked: boolean) => setSelected(checked ? new Set(listedIds) : new Set()), [listedIds]);
  const clear = React.useCallback(() => {
    setSelected(new Set());
    setAnchor(null);
  }, []);
  const allShown = listedIds.length > 0 && listedIds.every((id) => selected.has(id));
  return { selected, click, setAll, clear, allShown };
}
