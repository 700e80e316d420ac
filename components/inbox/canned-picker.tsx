"use client";

import { useQuery } from "@tanstack/react-query";
import { PaperclipIcon, TriangleAlertIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { getRouteJson } from "@/components/data/route-json";
import { toast } from "@/components/ui/toast";
import { filterCannedResponses, firstLine, insertCannedText, slashQueryAt, type SlashQuery } from "@/lib/canned-responses/picker";
import type { CannedPickerList, CannedPickerOption } from "@/lib/canned-responses/views";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { useInboxContext } from "./inbox-context";

/** The composer's canned responses for one conversation, their texts filled for it; loaded when the picker first opens. */
export function useCannedResponsesFor(conversationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.inbox.cannedResponses(), "conversation", conversationId],
    queryFn: async () => (await getRouteJson<CannedPickerList>(`/api/inbox/canned-responses?conversationId=${encodeURIComponent(conversationId)}`)).responses,
    enabled,
    staleTime: 30_000,
  });
}

/** What the composer does with the chosen response's file: its media dialog opened with it picked. */
export type AttachCannedMedia = (fields: { mediaId: string; mediaKind: string; filename?: string }) => void;

/**
 * The "/" picker of the composer's message box: "/" at the start of the message (or of a line)
 * opens a list of canned responses filtered by what follows; ↑/↓ move, Enter or Tab chooses, Escape
 * closes. Choosing replaces the "/query" with the response's text filled for this conversation and
 * hands its file to the composer's attachment path; it never sends. Not offered while `enabled` is
 * false (a note is being written, or the window is closed).
 */
export function useCannedPicker({
  conversationId,
  text,
  setText,
  enabled,
  onAttachMedia,
}: {
  conversationId: string;
  text: string;
  setText: (text: string) => void;
  enabled: boolean;
  onAttachMedia: AttachCannedMedia;
}) {
  const t = useTranslations("cannedResponses.picker");
  const { composerRef } = useInboxContext();
  const listId = React.useId();
  const [slash, setSlash] = React.useState<SlashQuery | null>(null);
  // The "/" the agent closed with Escape stays closed until another "/" is typed.
  const [dismissedAt, setDismissedAt] = React.useState<number | null>(null);
  const [activeIndex, setActiveIndex] = React.useState(0);
  const [wanted, setWanted] = React.useState(false);
  const open = enabled && slash !== null && slash.start !== dismissedAt;
  const responses = useCannedResponsesFor(conversationId, enabled && (wanted || open));
  const options = React.useMemo(() => (open ? filterCannedResponses(responses.data ?? [], slash.query) : []), [open, responses.data, slash]);
  const active = options[Math.min(activeIndex, Math.max(options.length - 1, 0))];

  // Follows the caret in the message box: the composer calls it as the text or the selection changes
  // (typing, clicking, moving with the keys), and `close` when the box loses focus.
  const current = React.useRef<SlashQuery | null>(null);
  const follow = React.useCallback(
    (value: string, selectionStart: number, selectionEnd: number) => {
      const next = enabled && selectionStart === selectionEnd ? slashQueryAt(value, selectionStart) : null;
      if (next?.query !== current.current?.query || next?.start !== current.current?.start) setActiveIndex(0);
      current.current = next;
      setSlash(next);
      if (next) setWanted(true);
      else setDismissedAt(null);
    },
    [enabled],
  );
  const close = React.useCallback(() => {
    current.current = null;
    setSlash(null);
  }, []);

  const choose = (option: CannedPickerOption) => {
    if (!slash) return;
    const next = insertCannedText(text, slash, option.filled.text);
    setText(next.text);
    setSlash(null);
    requestAnimationFrame(() => {
      composerRef.current?.focus();
      composerRef.current?.setSelectionRange(next.caret, next.caret);
    });
    const missing = option.filled.missing.map((name) => `{{${name}}}`).join(", ");
    toast.message(missing ? t("insertedMissing", { shortcut: option.shortcut, variables: missing }) : t("inserted", { shortcut: option.shortcut }));
    if (option.media && option.mediaUsable) {
      onAttachMedia({
        mediaId: option.media.id,
        mediaKind: option.media.kind,
        ...(option.media.kind === "document" ? { filename: option.media.fileName } : {}),
      });
    }
  };

  const onKeyDownCapture = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open || event.nativeEvent.isComposing) return;
    const handled = () => {
      // Captured before the composer's own keys: Enter here chooses, it never sends.
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      handled();
      if (options.length > 0) {
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActiveIndex((index) => (Math.min(index, options.length - 1) + step + options.length) % options.length);
      }
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey) {
      if (active) {
        handled();
        choose(active);
      } else if (event.key === "Enter") {
        // Nothing to choose: Enter must not send the bare "/query" either.
        handled();
      }
    } else if (event.key === "Escape") {
      handled();
      setDismissedAt(slash.start);
    }
  };

  const optionId = (option: CannedPickerOption) => `${listId}-${option.id}`;
  const textareaProps = open
    ? {
        onKeyDownCapture,
        "aria-autocomplete": "list" as const,
        "aria-controls": listId,
        "aria-activedescendant": active ? optionId(active) : undefined,
      }
    : { onKeyDownCapture };

  const popup = open ? (
    <CannedPickerPopup
      id={listId}
      query={slash.query}
      options={options}
      activeId={active?.id}
      state={responses.isPending ? "loading" : responses.isError ? "error" : (responses.data?.length ?? 0) === 0 ? "none" : "ready"}
      optionId={optionId}
      onPick={choose}
      onHover={(index) => setActiveIndex(index)}
      hint={t("hint")}
    />
  ) : null;

  return { open, popup, textareaProps, follow, close };
}

/** The list itself (a listbox above the message box), apart from the hook so its rendering is testable. */
export function CannedPickerPopup({
  id,
  query,
  options,
  activeId,
  state,
  optionId,
  onPick,
  onHover,
  hint,
}: {
  id: string;
  query: string;
  options: CannedPickerOption[];
  activeId: string | undefined;
  state: "loading" | "error" | "none" | "ready";
  optionId: (option: CannedPickerOption) => string;
  onPick: (option: CannedPickerOption) => void;
  onHover: (index: number) => void;
  hint: string;
}) {
  const t = useTranslations("cannedResponses.picker");
  const status =
    state === "loading" ? t("loading") : state === "error" ? t("loadFailed") : state === "none" ? t("none") : options.length === 0 ? t("noMatch", { query }) : null;
  return (
    <div className="absolute inset-x-0 bottom-full z-20 mb-1 max-w-xl rounded-md border bg-popover text-popover-foreground shadow-md">
      {/* One live line: the status when there is one, else how many responses match. */}
      <p aria-live="polite" className={status ? "px-3 py-2 text-sm text-muted-foreground" : "sr-only"}>
        {status ?? t("count", { count: options.length })}
      </p>
      {status ? null : (
        <ul id={id} role="listbox" aria-label={t("label")} className="max-h-72 overflow-y-auto p-1">
          {options.map((option, index) => (
            <li
              key={option.id}
              id={optionId(option)}
              role="option"
              aria-selected={option.id === activeId}
              className={cn("flex cursor-pointer flex-col gap-0.5 rounded-sm px-2 py-1.5 text-sm", option.id === activeId && "bg-accent text-accent-foreground")}
              // Keeps the message box focused: the choice happens on click without a blur in between.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => onHover(index)}
              onClick={() => onPick(option)}
            >
              <span className="flex items-center gap-2">
                <bdi dir="auto" className="font-mono text-xs font-semibold">
                  /{option.shortcut}
                </bdi>
                <span className="text-[11px] text-muted-foreground">{option.library === "team" ? t("team") : t("mine")}</span>
                {option.media ? (
                  <span className={cn("inline-flex min-w-0 items-center gap-1 text-[11px]", option.mediaUsable ? "text-muted-foreground" : "text-warning")}>
                    <PaperclipIcon className="size-3 shrink-0" aria-hidden="true" />
                    <span className="truncate">
                      {option.mediaUsable ? t("withFile", { fileName: option.media.fileName }) : t("fileNotHere", { fileName: option.media.fileName })}
                    </span>
                  </span>
                ) : null}
              </span>
              <span dir="auto" className="truncate text-muted-foreground">
                {firstLine(option.filled.text)}
              </span>
              {option.filled.missing.length > 0 ? (
                <span className="inline-flex items-center gap-1 text-[11px] text-warning">
                  <TriangleAlertIcon className="size-3 shrink-0" aria-hidden="true" />
                  {t("missing", { variables: option.filled.missing.map((name) => `{{${name}}}`).join(", ") })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="border-t px-3 py-1 text-[11px] text-muted-foreground" aria-hidden="true">
        {hint}
      </p>
    </div>
  );
}
