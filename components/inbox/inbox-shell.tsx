"use client";

import { KeyboardIcon, RadioIcon } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import * as React from "react";

import { useLiveConnection } from "@/components/live/live-events-provider";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

import { ConversationList } from "./conversation-list";
import { InboxContext, type InboxContextValue } from "./inbox-context";
import { isTyping, shortcutKey } from "./shortcuts";

const loadShortcutsDialog = () => import("./shortcuts-dialog");
// Loaded the first time it is asked for (the button or "?"), then kept so it can close as it opened.
const ShortcutsDialog = React.lazy(() => loadShortcutsDialog().then((module) => ({ default: module.ShortcutsDialog })));

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
  const [helpWanted, setHelpWanted] = React.useState(false);
  const openHelp = React.useCallback(() => {
    setHelpWanted(true);
    setHelpOpen(true);
  }, []);

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
          openHelp();
          break;
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [router, searchParams, selectedId, openHelp]);

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
              onPointerEnter={() => void loadShortcutsDialog()}
              onFocus={() => void loadShortcutsDialog()}
              onClick={openHelp}
            >
              <KeyboardIcon aria-hidden="true" />
            </Button>
          </div>
          <ConversationList selectedId={selectedId} />
        </div>
        <div className={cn("min-h-0 min-w-0 flex-1", !selectedId && "hidden md:flex")}>{children}</div>
      </div>
      {helpWanted ? (
        <React.Suspense>
          <ShortcutsDialog open={helpOpen} onOpenChange={setHelpOpen} />
        </React.Suspense>
      ) : null}
    </InboxContext.Provider>
  );
}
