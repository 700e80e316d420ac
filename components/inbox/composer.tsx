"use client";

import {
  ExternalLinkIcon,
  FileTextIcon,
  ImageIcon,
  ListIcon,
  LocateFixedIcon,
  MapPinIcon,
  PaperclipIcon,
  RectangleEllipsisIcon,
  SendHorizontalIcon,
  StickyNoteIcon,
  UserRoundIcon,
  XIcon,
} from "lucide-react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import * as React from "react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { InboxMessage } from "@/lib/inbox/views";
import { cn } from "@/lib/utils";
import { characterCount } from "@/lib/whatsapp/formatting";
import { MESSAGE_LIMITS } from "@/lib/whatsapp/message-limits";

import { useAgents } from "./api";
import { useCannedPicker } from "./canned-picker";
import type { AttachKind, SendComposed } from "./composer-types";
import { useInboxContext } from "./inbox-context";
import { matchingTeammates, mentionQueryAt, mentionsInText, MentionPicker, type Mention } from "./mention-picker";
import { NoteModeLine, type AddNote } from "./note-composer";
import { messageSnippet } from "./message-content";

/**
 * The attach dialogs (media, location, contact, buttons, list, link button, location request) carry
 * the message schemas and their forms: loaded when the attach menu first opens, not with the inbox.
 */
const loadAttachDialogs = () => import("./attach-dialogs");
const AttachDialog = dynamic(() => loadAttachDialogs().then((module) => module.AttachDialog), { ssr: false });

/** A file handed over by the media library in the URL, to open the media dialog with it picked. */
function attachHandoff(): Record<string, string> | null {
  if (typeof window === "undefined") return null;
  const params = new URL(window.location.href).searchParams;
  const mediaId = params.get("attach");
  if (!mediaId) return null;
  const mediaKind = params.get("attachKind") ?? "image";
  const filename = params.get("attachName") ?? "";
  return { mediaId, mediaKind, ...(mediaKind === "document" && filename ? { filename } : {}) };
}

/** Free-form replies: text (Enter sends, Shift+Enter adds a line), attachments, interactive messages. */
export function Composer({
  onSend,
  onOpenTemplates,
  replyTo,
  onCancelReply,
  phoneNumberId,
  draftKey,
  onTyping,
  onAddNote,
  notesOnly = false,
}: {
  onSend: SendComposed;
  onOpenTemplates: () => void;
  replyTo: InboxMessage | null;
  onCancelReply: () => void;
  phoneNumberId: string;
  /** The conversation: each keeps its own draft while the agent moves around. */
  draftKey: string;
  /** Called at each change of a non-empty draft; the caller throttles it and must return at once. */
  onTyping?: () => void;
  /** Adds a private note; without it the composer offers no note mode. */
  onAddNote?: AddNote;
  /** The window is closed: only notes may be written (the toggle stays on). */
  notesOnly?: boolean;
}) {
  const t = useTranslations("inbox.composer");
  const tNote = useTranslations("notes.composer");
  const { composerRef, userId } = useInboxContext();
  const agents = useAgents();
  const [noteToggled, setNoteToggled] = React.useState(false);
  const noteMode = notesOnly || (noteToggled && !!onAddNote);
  const [mentions, setMentions] = React.useState<Mention[]>([]);
  const [mentionQuery, setMentionQuery] = React.useState<{ start: number; query: string } | undefined>(undefined);
  const [mentionIndex, setMentionIndex] = React.useState(0);
  const pickerId = React.useId();
  // The pane is keyed by conversation, so the draft is read once when a conversation opens.
  const [text, setText] = React.useState(() => (typeof window === "undefined" ? "" : (sessionStorage.getItem(`inbox-draft:${draftKey}`) ?? "")));
  // The media library's "Send to a conversation" opens the inbox with `?attach=<mediaId>&attachKind&attachName`.
  const [handoff, setHandoff] = React.useState(() => attachHandoff());
  const [attach, setAttach] = React.useState<AttachKind | null>(() => (handoff ? "media" : null));
  React.useEffect(() => {
    if (!handoff) return;
    const url = new URL(window.location.href);
    for (const key of ["attach", "attachKind", "attachName"]) url.searchParams.delete(key);
    window.history.replaceState(window.history.state, "", url);
  }, [handoff]);
  const sending = React.useRef(false);
  // Made once per message: a repeated submit of the same message carries the same key, and the server stores it once.
  const clientKey = React.useRef<string | null>(null);

  React.useEffect(() => {
    if (text) sessionStorage.setItem(`inbox-draft:${draftKey}`, text);
    else sessionStorage.removeItem(`inbox-draft:${draftKey}`);
  }, [text, draftKey]);

  const count = characterCount(text);
  const over = count > MESSAGE_LIMITS.textBody;
  const empty = text.trim().length === 0;

  const teammates = mentionQuery && noteMode ? matchingTeammates(agents.data ?? [], mentionQuery.query, userId) : [];
  // Words typed after a name no teammate matches are the note going on, not a mention: the list closes.
  const pickerOpen = mentionQuery !== undefined && noteMode && (teammates.length > 0 || !/\s/.test(mentionQuery.query));
  const followCaret = (value: string, caret: number) => {
    const query = noteMode ? mentionQueryAt(value, caret) : undefined;
    setMentionQuery(query);
    if (query?.query !== mentionQuery?.query) setMentionIndex(0);
  };
  const pickMention = (teammate: Mention) => {
    if (!mentionQuery) return;
    const caret = mentionQuery.start + 1 + mentionQuery.query.length;
    const inserted = `@${teammate.name} `;
    setText((current) => current.slice(0, mentionQuery.start) + inserted + current.slice(caret));
    setMentions((current) => [...current, { id: teammate.id, name: teammate.name }]);
    setMentionQuery(undefined);
    const at = mentionQuery.start + inserted.length;
    requestAnimationFrame(() => composerRef.current?.setSelectionRange(at, at));
  };
  // Canned responses ("/"): replies only, never in a note nor with the window closed (notesOnly).
  const canned = useCannedPicker({
    conversationId: draftKey,
    text,
    setText,
    enabled: !noteMode && !notesOnly,
    onAttachMedia: (fields) => {
      setHandoff(fields);
      setAttach("media");
    },
  });
  const toggleNote = () => {
    if (notesOnly || !onAddNote) return;
    setNoteToggled((on) => !on);
    setMentionQuery(undefined);
    composerRef.current?.focus();
  };

  const send = async () => {
    // A second Enter or click while the first is on its way does nothing; the server also dedups by client key.
    if (sending.current || empty || over) return;
    sending.current = true;
    const body = text;
    clientKey.current ??= crypto.randomUUID();
    setText("");
    if (noteMode && onAddNote) {
      const noted = mentionsInText(body, mentions);
      try {
        const ok = await onAddNote({ body, mentionIds: noted.map((mention) => mention.id), clientKey: clientKey.current });
        if (ok) {
          clientKey.current = null;
          setMentions([]);
        } else setText((current) => current || body);
      } finally {
        sending.current = false;
      }
      return;
    }
    try {
      const ok = await onSend({ kind: "text", body }, { replyTo, clientKey: clientKey.current });
      if (ok) clientKey.current = null;
      else setText((current) => current || body);
    } finally {
      sending.current = false;
    }
  };

  const counterVisible = count > MESSAGE_LIMITS.textBody - 500;
  return (
    <div
      className={cn("border-t bg-background p-3", noteMode && "border-amber-300 bg-amber-50 dark:border-amber-700/60 dark:bg-amber-950/40")}
      data-note-mode={noteMode || undefined}
    >
      {noteMode ? <NoteModeLine notesOnly={notesOnly} /> : null}
      {replyTo ? (
        <div className="mb-2 flex items-start gap-2 rounded-md border-s-4 border-primary bg-muted px-3 py-1.5 text-xs">
          <div className="min-w-0 flex-1">
            <p className="font-medium text-primary">{replyTo.direction === "outbound" ? t("replyingToYours") : t("replyingToCustomer")}</p>
            <p dir="auto" className="truncate text-muted-foreground">
              {messageSnippet(replyTo)}
            </p>
          </div>
          <Button variant="ghost" size="icon-sm" className="size-6" aria-label={t("cancelReply")} onClick={onCancelReply}>
            <XIcon aria-hidden="true" />
          </Button>
        </div>
      ) : null}
      <div className="flex items-end gap-2">
        {onAddNote ? (
          <Button
            type="button"
            variant={noteMode ? "secondary" : "ghost"}
            size="sm"
            aria-pressed={noteMode}
            aria-disabled={notesOnly || undefined}
            aria-keyshortcuts="Alt+N"
            title={tNote("toggleHint")}
            className={cn(noteMode && "bg-amber-200 text-amber-950 hover:bg-amber-300 dark:bg-amber-800/70 dark:text-amber-50 dark:hover:bg-amber-800")}
            onClick={toggleNote}
          >
            <StickyNoteIcon aria-hidden="true" />
            {tNote("toggle")}
          </Button>
        ) : null}
        {noteMode ? null : (
        <DropdownMenu onOpenChange={(open) => open && void loadAttachDialogs()}>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon" aria-label={t("attach")}>
              <PaperclipIcon aria-hidden="true" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start" side="top" className="w-56">
            <DropdownMenuLabel>{t("sendMenu")}</DropdownMenuLabel>
            <DropdownMenuItem onSelect={() => setAttach("media")}>
              <ImageIcon aria-hidden="true" /> {t("media")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setAttach("location")}>
              <MapPinIcon aria-hidden="true" /> {t("location")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setAttach("contact")}>
              <UserRoundIcon aria-hidden="true" /> {t("contact")}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => setAttach("buttons")}>
              <RectangleEllipsisIcon aria-hidden="true" /> {t("buttons")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setAttach("list")}>
              <ListIcon aria-hidden="true" /> {t("list")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setAttach("link_button")}>
              <ExternalLinkIcon aria-hidden="true" /> {t("linkButton")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setAttach("location_request")}>
              <LocateFixedIcon aria-hidden="true" /> {t("locationRequest")}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={onOpenTemplates}>
              <FileTextIcon aria-hidden="true" /> {t("template")}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
        )}
        <div className="relative min-w-0 flex-1">
          {canned.popup}
          {pickerOpen ? (
            <MentionPicker id={pickerId} teammates={teammates} activeIndex={mentionIndex} onPick={pickMention} onHover={setMentionIndex} />
          ) : null}
          <textarea
            ref={composerRef}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              followCaret(event.target.value, event.target.selectionStart);
              canned.follow(event.target.value, event.target.selectionStart, event.target.selectionEnd);
              // A note is for the team: the customer is not shown "typing…" for it.
              if (event.target.value.trim() && !noteMode) onTyping?.();
            }}
            onSelect={(event) => {
              followCaret(event.currentTarget.value, event.currentTarget.selectionStart);
              canned.follow(event.currentTarget.value, event.currentTarget.selectionStart, event.currentTarget.selectionEnd);
            }}
            onBlur={() => {
              setMentionQuery(undefined);
              canned.close();
            }}
            onKeyDown={(event) => {
              if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyN") {
                event.preventDefault();
                toggleNote();
                return;
              }
              if (pickerOpen && !event.nativeEvent.isComposing) {
                if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                  event.preventDefault();
                  const step = event.key === "ArrowDown" ? 1 : -1;
                  if (teammates.length > 0) setMentionIndex((index) => (index + step + teammates.length) % teammates.length);
                  return;
                }
                if ((event.key === "Enter" || event.key === "Tab") && teammates[mentionIndex]) {
                  event.preventDefault();
                  pickMention(teammates[mentionIndex]);
                  return;
                }
                if (event.key === "Escape") {
                  event.preventDefault();
                  event.stopPropagation();
                  setMentionQuery(undefined);
                  return;
                }
              }
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                void send();
              }
            }}
            rows={1}
            // What is typed follows its own direction (an Arabic reply on an English page); empty, the placeholder follows the page.
            dir={text ? "auto" : undefined}
            aria-label={noteMode ? tNote("label") : t("message")}
            aria-keyshortcuts="r"
            aria-invalid={over || undefined}
            aria-describedby="composer-count"
            {...canned.textareaProps}
            {...(noteMode
              ? {
                  role: "combobox",
                  "aria-autocomplete": "list" as const,
                  "aria-expanded": pickerOpen && teammates.length > 0,
                  "aria-controls": pickerOpen && teammates.length > 0 ? pickerId : undefined,
                  "aria-activedescendant": pickerOpen && teammates[mentionIndex] ? `${pickerId}-${teammates[mentionIndex].id}` : undefined,
                }
              : {})}
            placeholder={noteMode ? tNote("placeholder") : t("placeholder")}
            className={cn(
              "field-sizing-content max-h-48 min-h-10 w-full resize-none rounded-lg border border-input bg-transparent px-3 py-2 text-sm outline-none placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/25",
              noteMode && "border-amber-300 bg-background/70 dark:border-amber-700/70 dark:bg-background/30",
              over && "border-destructive",
            )}
          />
        </div>
        {noteMode ? (
          <Button
            onClick={() => void send()}
            disabled={empty || over}
            className="bg-amber-600 text-white hover:bg-amber-700 dark:bg-amber-600 dark:hover:bg-amber-500"
          >
            <StickyNoteIcon aria-hidden="true" />
            {tNote("add")}
          </Button>
        ) : (
          <Button size="icon" aria-label={t("send")} onClick={() => void send()} disabled={empty || over}>
            <SendHorizontalIcon className="rtl:-scale-x-100" aria-hidden="true" />
          </Button>
        )}
      </div>
      <p
        id="composer-count"
        aria-live="polite"
        className={cn("mt-1 text-end text-xs tabular-nums", over ? "text-destructive" : "text-muted-foreground", !counterVisible && !over && "sr-only")}
      >
        {over ? (
          <>
            {t("overLimit", { over: count - MESSAGE_LIMITS.textBody })}
            {" · "}
          </>
        ) : null}
        {/* "4101 / 4096" reads left to right in every language. */}
        <bdi dir="ltr">
          {count} / {MESSAGE_LIMITS.textBody}
        </bdi>
      </p>
      {attach !== null ? (
        <AttachDialog
          kind={attach}
          onClose={() => {
            setAttach(null);
            setHandoff(null);
          }}
          onSend={onSend}
          replyTo={replyTo}
          phoneNumberId={phoneNumberId}
          initialFields={attach === "media" ? (handoff ?? undefined) : undefined}
        />
      ) : null}
    </div>
  );
}
