"use client";

import * as React from "react";
import type { ToasterProps } from "sonner";

import { subscribeToToastRequests, toastRequested } from "./toast";

// The toaster and sonner itself load with the first toast (./toast.ts), not with every page.
const SonnerToaster = React.lazy(() => import("./sonner-toaster").then((module) => ({ default: module.SonnerToaster })));

/**
 * Toasts that follow the light/dark theme, labelled in the reader's language. Mount once in the root
 * layout (with the page's `dir`); call `toast()` from "@/components/ui/toast".
 */
function Toaster(props: ToasterProps) {
  const requested = React.useSyncExternalStore(subscribeToToastRequests, toastRequested, () => false);
  return requested ? (
    <React.Suspense>
      <SonnerToaster {...props} />
    </React.Suspense>
  ) : null;
}

export { Toaster };
