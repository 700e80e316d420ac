"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import * as React from "react";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/**
 * Keeps unsaved changes from being lost: the browser's own prompt on reload or close (`beforeunload`),
 * and a dialog for link clicks inside the dashboard and for in-page switches (`confirm(run)`).
 */
export function useUnsavedChangesGuard(dirty: boolean) {
  const router = useRouter();
  const t = useTranslations("profile.unsaved");
  const [pending, setPending] = React.useState<(() => void) | null>(null);

  React.useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank" || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      event.preventDefault();
      event.stopPropagation();
      setPending(() => () => router.push(url.pathname + url.search + url.hash));
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture phase: before Next's Link handles the click.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, router]);

  const confirm = React.useCallback(
    (run: () => void) => {
      if (dirty) setPending(() => run);
      else run();
    },
    [dirty],
  );

  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      onOpenChange={(open) => (open ? undefined : setPending(null))}
      title={t("title")}
      description={t("description")}
      cancelLabel={t("keepEditing")}
      confirmLabel={t("discard")}
      onConfirm={() => {
        const run = pending;
        setPending(null);
        run?.();
      }}
    />
  );

  return { confirm, dialog };
}
