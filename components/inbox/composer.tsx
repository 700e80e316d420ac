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

import type { AttachKind, SendComposed } from "./composer-types";
import { useInboxContext } from "./inbox-context";
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
}) {
  const t = useTranslations("inbox.composer");
  const { composerRef } = useInboxContext();
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

  const send = async () => {
    // A second Enter or click while the first is on its way does nothing; the server also dedups by client key.
    if (sending.current || empty || over) return;
    sending.current = true;
    const body = text;
    clientKey.current ??= crypto.randomUUID();
    setText("");
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
    <div className="border-t bg-background p-3">
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
        <div className="relative min-w-0 flex-1">
          <textarea
            ref={composerRef}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (event.target.value.trim()) onTyping?.();
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                void send();
              }
            }}
            rows={1}
            // What is typed follows its own direction (an Arabic reply on an English page); empty, the placeholder follows the page.
            dir={text ? "auto" : undefined}
            aria-label={t("message")}
            aria-keyshortcuts="r"
            aria-invalid={over || undefined}
            aria-describedby="composer-count"
            placeholder={t("placeholder")}
            className={cn(
              "field-sizing-content max-h-48 min-h-10 w-full resize-none rounded-lg border border-input bg-transparent px-3 py-2 text-sm outline-none placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/25",
              over && "border-destructive",
            )}
          />
        </div>
        <Button size="icon" aria-label={t("send")} onClick={() => void send()} disabled={empty || over}>
          <SendHorizontalIcon className="rtl:-scale-x-100" aria-hidden="true" />
        </Button>
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
