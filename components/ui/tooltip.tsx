"use client";

import * as React from "react";

/**
 * The shared timing of the app's tooltips, without Radix, which loads with the pages that show a
 * tooltip (./tooltip-popup.tsx: Tooltip, TooltipTrigger, TooltipContent). Each tooltip runs its own
 * Radix provider and reads this group, so moving from one tooltip to the next still shows the next at
 * once, as one shared Radix provider does: after a tooltip opens, the others open without delay until
 * `skipDelayDuration` after it closes.
 */
export interface TooltipGroup {
  delayDuration: number;
  disableHoverableContent: boolean;
  /** Whether a tooltip opening now waits for `delayDuration`. */
  isOpenDelayed: () => boolean;
  subscribe: (listener: () => void) => () => void;
  opened: () => void;
  closed: () => void;
}

/** The delay shared by the tooltips under one provider (exported for its tests). */
export function createTooltipGroup(skipDelayDuration: number) {
  let openDelayed = true;
  let skipTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();
  const set = (delayed: boolean) => {
    if (openDelayed === delayed) return;
    openDelayed = delayed;
    for (const listener of listeners) listener();
  };
  return {
    isOpenDelayed: () => openDelayed,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    opened: () => {
      if (skipDelayDuration <= 0) return;
      clearTimeout(skipTimer);
      set(false);
    },
    closed: () => {
      if (skipDelayDuration <= 0) return;
      clearTimeout(skipTimer);
      skipTimer = setTimeout(() => set(true), skipDelayDuration);
    },
    dispose: () => clearTimeout(skipTimer),
  };
}

const TooltipGroupContext = React.createContext<TooltipGroup | null>(null);

export function useTooltipGroup(): TooltipGroup | null {
  return React.useContext(TooltipGroupContext);
}

/** Put one near the root of the app so tooltips share their open delay. */
function TooltipProvider({
  delayDuration = 200,
  skipDelayDuration = 300,
  disableHoverableContent = false,
  children,
}: {
  delayDuration?: number;
  skipDelayDuration?: number;
  disableHoverableContent?: boolean;
  children?: React.ReactNode;
}) {
  const [timing] = React.useState(() => createTooltipGroup(skipDelayDuration));
  React.useEffect(() => timing.dispose, [timing]);
  const group = React.useMemo<TooltipGroup>(
    () => ({ delayDuration, disableHoverableContent, isOpenDelayed: timing.isOpenDelayed, subscribe: timing.subscribe, opened: timing.opened, closed: timing.closed }),
    [delayDuration, disableHoverableContent, timing],
  );
  return <TooltipGroupContext.Provider value={group}>{children}</TooltipGroupContext.Provider>;
}

export { TooltipProvider };
