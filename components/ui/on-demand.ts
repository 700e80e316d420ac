"use client";

import * as React from "react";

/**
 * Menus, pickers and panels whose code loads when a person reaches for them, not with the page.
 *
 * Until its module is here, a control renders a placeholder of its trigger: the same element, look and
 * accessible name. The module starts loading at the first sign of intent (the pointer over the trigger,
 * focus, a touch); once it is here the loaded control replaces the placeholder, taking over the focus
 * if the placeholder had it, and opening at once if the placeholder was already activated (a click, or
 * a key that opens it). A placeholder being pressed is not replaced under the pointer: its click is
 * what opens the control.
 *
 * `load` must be a module-level function: every control using it shares one download.
 */
export type Loader<T> = () => Promise<T>;

const loadedModules = new Map<Loader<unknown>, unknown>();
const downloads = new Map<Loader<unknown>, Promise<void>>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Starts loading `load`'s module unless it is here or on its way. */
export function preload<T>(load: Loader<T>): void {
  if (loadedModules.has(load) || downloads.has(load)) return;
  const download = load().then(
    (loaded) => {
      loadedModules.set(load, loaded);
      for (const listener of listeners) listener();
    },
    // Offline, or a newer deployment: the next sign of intent tries again.
    () => undefined,
  );
  downloads.set(
    load,
    download.finally(() => downloads.delete(load)),
  );
}

/** A closed menu's trigger as Radix (and components/ui/dropdown-menu) marks it, for the placeholder of a menu loaded on demand. */
export const CLOSED_MENU_TRIGGER = { type: "button", "aria-haspopup": "menu", "aria-expanded": false, "data-state": "closed", "data-slot": "dropdown-menu-trigger" } as const;

/** A closed popover's trigger, as components/ui/popover marks it (but the id of a panel not there yet). */
export const CLOSED_POPOVER_TRIGGER = { type: "button", "aria-haspopup": "dialog", "aria-expanded": false, "data-state": "closed", "data-slot": "popover-trigger" } as const;

/** A closed sheet's trigger, as components/ui/sheet marks it (but the id of a sheet not there yet). */
export const CLOSED_SHEET_TRIGGER = { type: "button", "aria-haspopup": "dialog", "aria-expanded": false, "data-state": "closed", "data-slot": "sheet-trigger" } as const;

/** The keys with which a menu opens from its trigger (as Radix's). */
export const MENU_OPEN_KEYS = ["Enter", " ", "ArrowDown"] as const;

/** What the loaded control needs to know as it replaces its placeholder. */
export interface OnDemandMount {
  /** The placeholder was activated: open as you mount. */
  openOnMount: boolean;
  /** It was activated from the keyboard (a menu then focuses its first item). */
  openedWithKeyboard: boolean;
  /** The placeholder had the focus: give it to your trigger as you mount. */
  focusOnMount: boolean;
}

export interface OnDemand<T> {
  /** The loaded module once it may replace the placeholder; null until then (and on the server). */
  loaded: T | null;
  /** Props for the loaded control. */
  mount: OnDemandMount;
  /** Spread on the placeholder's trigger element. */
  triggerProps: {
    onPointerEnter: () => void;
    onPointerDown: () => void;
    onPointerLeave: (event: React.PointerEvent) => void;
    onPointerCancel: () => void;
    onFocus: () => void;
    onBlur: () => void;
    onClick: (event: React.MouseEvent) => void;
    onKeyDown: (event: React.KeyboardEvent) => void;
  };
}

/**
 * The state of one control loaded on demand. `openKeys`: keys that open the control from its trigger
 * besides a click (menus open with ArrowDown, selects with the arrows too).
 */
export function useOnDemand<T>(load: Loader<T>, openKeys: readonly string[] = []): OnDemand<T> {
  // Null while hydrating, so the server's placeholder is what the first render matches.
  const loaded = React.useSyncExternalStore(
    subscribe,
    () => (loadedModules.get(load) as T | undefined) ?? null,
    () => null,
  );
  const [pressed, setPressed] = React.useState(false);
  const [activated, setActivated] = React.useState<"pointer" | "keyboard" | null>(null);
  const [focused, setFocused] = React.useState(false);

  const activate = (how: "pointer" | "keyboard") => {
    setPressed(false);
    setActivated(how);
    preload(load);
  };
  return {
    loaded: pressed ? null : loaded,
    mount: { openOnMount: activated !== null, openedWithKeyboard: activated === "keyboard", focusOnMount: focused && activated === null },
    triggerProps: {
      onPointerEnter: () => preload(load),
      onPointerDown: () => {
        setPressed(true);
        preload(load);
      },
      // A mouse dragged off the trigger lets it go; a touch leaves the element before its click.
      onPointerLeave: (event) => {
        if (event.pointerType === "mouse") setPressed(false);
      },
      onPointerCancel: () => setPressed(false),
      onFocus: () => {
        setFocused(true);
        preload(load);
      },
      onBlur: () => setFocused(false),
      // A click without a pointer's position (detail 0) came from Enter or Space.
      onClick: (event) => activate(event.detail === 0 ? "keyboard" : "pointer"),
      onKeyDown: (event) => {
        if (!openKeys.includes(event.key)) return;
        event.preventDefault();
        activate("keyboard");
      },
    },
  };
}

/** For the loaded control: its trigger takes the focus its placeholder had. */
export function useFocusOnMount(trigger: React.RefObject<HTMLElement | null>, focusOnMount: boolean): void {
  React.useLayoutEffect(() => {
    if (focusOnMount) trigger.current?.focus();
  }, [trigger, focusOnMount]);
}
