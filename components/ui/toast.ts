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
// One load for every toast, so they are shown in the order they were asked for.
let sonner: Promise<typeof import("sonner")> | null = null;

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

function loadSonner(): Promise<typeof import("sonner")> {
  if (!requested) {
    requested = true;
    for (const listener of listeners) listener();
  }
  if (!sonner) {
    const loading = mounted.then(() => import("sonner"));
    // Offline, or a newer deployment: the next toast tries again.
    loading.catch(() => {
      if (sonner === loading) sonner = null;
    });
    sonner = loading;
  }
  return sonner;
}

function show(kind: "default" | "success" | "error" | "warning" | "info" | "message"): Show {
  return (message, data) => {
    loadSonner().then(
      ({ toast: sonnerToast }) => {
        if (kind === "default") sonnerToast(message, data);
        else sonnerToast[kind](message, data);
      },
      () => undefined,
    );
  };
}

export const toast = Object.assign(show("default"), {
  success: show("success"),
  error: show("error"),
  warning: show("warning"),
  info: show("info"),
  message: show("message"),
});
