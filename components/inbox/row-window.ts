"use client";

import * as React from "react";

/**
 * The rows of a long list whose rows all have one height that are in view, with `overscan` more on
 * either side: the conversation list renders those only. Fixed heights make it arithmetic, so the list
 * needs no virtualisation library (one fewer dependency in the inbox's first load).
 */
export interface RowWindow {
  /** Index and top offset of each row to render, in order. */
  rows: Array<{ index: number; start: number }>;
  totalHeight: number;
  /** Scrolls the least that shows the row whole (nothing when it already is). */
  scrollToRow: (index: number) => void;
}

/**
 * The first and last row in view of a viewport `height` tall scrolled `offset` down a list of `count`
 * rows `rowHeight` tall, widened by `overscan` rows either side; null when nothing is in view (an
 * empty list, or a viewport with no height, e.g. hidden).
 */
export function rowRange(count: number, rowHeight: number, overscan: number, offset: number, height: number): { first: number; last: number } | null {
  if (count === 0 || height <= 0) return null;
  const lastIndex = count - 1;
  // A scroll offset past the end (the list shrank under it) reads as the end.
  const top = Math.max(0, Math.min(offset, count * rowHeight - height));
  const firstInView = Math.min(Math.floor(top / rowHeight), lastIndex);
  const lastInView = Math.min(Math.max(Math.ceil((top + height) / rowHeight) - 1, firstInView), lastIndex);
  return { first: Math.max(firstInView - overscan, 0), last: Math.min(lastInView + overscan, lastIndex) };
}

export function useRowWindow({
  count,
  rowHeight,
  overscan,
  scrollRef,
}: {
  count: number;
  rowHeight: number;
  overscan: number;
  scrollRef: React.RefObject<HTMLElement | null>;
}): RowWindow {
  const subscribe = React.useCallback(
    (onChange: () => void) => {
      const element = scrollRef.current;
      if (!element) return () => {};
      element.addEventListener("scroll", onChange, { passive: true });
      const resize = new ResizeObserver(onChange);
      resize.observe(element);
      return () => {
        element.removeEventListener("scroll", onChange);
        resize.disconnect();
      };
    },
    [scrollRef],
  );
  const offset = React.useSyncExternalStore(subscribe, () => scrollRef.current?.scrollTop ?? 0, () => 0);
  const height = React.useSyncExternalStore(subscribe, () => scrollRef.current?.clientHeight ?? 0, () => 0);

  const range = rowRange(count, rowHeight, overscan, offset, height);
  const rows: RowWindow["rows"] = [];
  if (range) for (let index = range.first; index <= range.last; index += 1) rows.push({ index, start: index * rowHeight });

  const scrollToRow = React.useCallback(
    (index: number) => {
      const element = scrollRef.current;
      if (!element) return;
      const start = index * rowHeight;
      const end = start + rowHeight;
      if (start < element.scrollTop) element.scrollTo({ top: start });
      else if (end > element.scrollTop + element.clientHeight) element.scrollTo({ top: end - element.clientHeight });
    },
    [scrollRef, rowHeight],
  );
  return { rows, totalHeight: count * rowHeight, scrollToRow };
}
