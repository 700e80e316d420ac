import type { ExternalToast, toast as sonnerToast } from "sonner";

/**
 * Toasts, with the toaster loaded when the first one is shown rather than with every page: call
 * `toast.success("Saved")` as with sonner's `toast`. The first call mounts the toaster (its live region
 * is in the page before the toast is added, so screen readers announce it), then shows the toast;
 * later calls show theirs in order.
 */
type Message = Parameters<typeof sonnerToast>[0];
type Show = (message: Message, data?: ExternalToast) => void;

const listeners = new Set<() => void>();
let requested = false;
let markMounted: () => void = () => {};
const mounted = new Promise<void>((resolve) => {
  markMounted = resolve;
});

/** For the toaster: whether a toast has been asked for, so it loads and mounts. */
export function subscribeToToastRequests(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function toastRequested(): boolean {
  return requested;
}

/** For the toaster: called once it is mounted and listening, so the waiting toasts are shown. */
export function toasterMounted(): void {
  markMounted();
}

function show(kind: "default" | "success" | "error" | "warning" | "info" | "message"): Show {
  return (message, data) => {
    if (!requested) {
      requested = true;
      for (const listener of listeners) listener();
    }
    void mounted
      .then(() => import("sonner"))
      .then(({ toast: sonner }) => {
        if (kind === "default") sonner(message, data);
        else sonner[kind](message, data);
      });
  };
}

export const toast = Object.assign(show("default"), {
  success: show("success"),
  error: show("error"),
  warning: show("warning"),
  info: show("info"),
  message: show("message"),
});
