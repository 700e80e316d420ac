"use client";

import { KeyboardIcon, RadioIcon } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import * as React from "react";

import { useLiveConnection } from "@/components/live/live-events-provider";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { cn } from "@/lib/utils";

import { ConversationList } from "./conversation-list";
import { InboxContext, type InboxContextValue } from "./inbox-context";
import { isTyping, SHORTCUTS, shortcutKey } from "./shortcuts";

function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("inbox.shortcuts");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        <dl className="divide-y text-sm">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.does} className="flex items-center justify-between gap-4 py-2">
              <dt>{t(shortcut.does)}</dt>
              <dd dir="ltr" className="flex gap-1">
                {shortcut.keys.map((key) => (
                  <kbd key={key} className="min-w-6 rounded border bg-muted px-1.5 py-0.5 text-center font-mono text-xs">
                    {key}
                  </kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}

/** The inbox's frame: the conversation list beside the open conversation, live updates and shortcuts. */
export function InboxShell({
  userId,
  canUploadMedia,
  canManageLabels,
  children,
}: {
  userId: string;
  canUploadMedia: boolean;
  canManageLabels: boolean;
  children: React.ReactNode;
}) {
  const t = useTranslations("inbox");
  const live = useLiveConnection();
  const pathname = usePathname();
  const router = useRouter();
  const searchParams = useSearchParams();
  const selectedId = /^\/inbox\/([^/]+)/.exec(pathname)?.[1];
  const [helpOpen, setHelpOpen] = React.useState(false);

  const searchRef = React.useRef<HTMLInputElement | null>(null);
  const composerRef = React.useRef<HTMLTextAreaElement | null>(null);
  const conversationOrder = React.useRef<string[]>([]);
  const toggleResolvedRef = React.useRef<(() => void) | null>(null);
  const setConversationOrder = React.useCallback((ids: string[]) => {
    conversationOrder.current = ids;
  }, []);
  const context = React.useMemo<InboxContextValue>(
    () => ({ userId, canUploadMedia, canManageLabels, searchRef, composerRef, conversationOrder, setConversationOrder, toggleResolvedRef }),
    [userId, canUploadMedia, canManageLabels, setConversationOrder],
  );

  React.useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "Escape" && event.target === composerRef.current) {
        composerRef.current?.blur();
        return;
      }
      if (isTyping(event.target) || document.querySelector("[role=dialog]")) return;
      const move = (step: number) => {
        const ids = conversationOrder.current;
        if (ids.length === 0) return;
        const index = selectedId ? ids.indexOf(selectedId) : -1;
        const next = ids[Math.min(Math.max(index + step, 0), ids.length - 1)];
        const query = searchParams.toString();
        if (next && next !== selectedId) router.push(`/inbox/${next}${query ? `?${query}` : ""}`, { scroll: false });
      };
      switch (shortcutKey(event)) {
        case "j":
          event.preventDefault();
          move(1);
          break;
        case "k":
          event.preventDefault();
          move(-1);
          break;
        case "/":
          event.preventDefault();
          searchRef.current?.focus();
          break;
        case "r":
          if (composerRef.current) {
            event.preventDefault();
            composerRef.current.focus();
          }
          break;
        case "e":
          if (toggleResolvedRef.current) {
            event.preventDefault();
            toggleResolvedRef.current();
          }
          break;
        case "?":
          event.preventDefault();
          setHelpOpen(true);
          break;
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [router, searchParams, selectedId]);

  return (
    <InboxContext.Provider value={context}>
      <div className="flex h-full min-h-0">
        <div
          className={cn(
            "flex min-h-0 w-full flex-col border-e bg-card md:w-80 md:shrink-0 lg:w-[22rem]",
            selectedId && "hidden md:flex",
          )}
        >
          <div className="flex items-center gap-2 border-b px-3 py-2">
            <h1 className="text-base font-semibold tracking-tight">{t("title")}</h1>
            <span
              className={cn("ms-1 inline-flex items-center gap-1 text-xs", live === "live" ? "text-success" : "text-muted-foreground")}
              title={live === "live" ? t("shell.liveHint") : t("shell.connectingHint")}
            >
              <RadioIcon className="size-3.5" aria-hidden="true" />
              {live === "live" ? t("shell.live") : t("shell.connecting")}
            </span>
            <Button
              variant="ghost"
              size="icon-sm"
              className="ms-auto"
              aria-label={t("shell.shortcuts")}
              aria-keyshortcuts="?"
              onClick={() => setHelpOpen(true)}
            >
              <KeyboardIcon aria-hidden="true" />
            </Button>
          </div>
          <ConversationList selectedId={selectedId} />
        </div>
        <div className={cn("min-h-0 min-w-0 flex-1", !selectedId && "hidden md:flex")}>{children}</div>
      </div>
      <ShortcutsDialog open={helpOpen} onOpenChange={setHelpOpen} />
    </InboxContext.Provider>
  );
}
