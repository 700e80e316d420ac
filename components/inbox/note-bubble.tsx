"use client";

import { BotIcon, LockIcon, StickyNoteIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip-popup";
import type { InboxMessage } from "@/lib/inbox/views";
import { cn } from "@/lib/utils";

import { useAgents } from "./api";

/** The time beside a note's author ("10:05"), in the reader's zone. */
const TIME = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

export interface NoteView {
  body: string;
  mentions: Array<{ userId: string; name: string }>;
}

/** A stored note's text and mentions, read defensively (an optimistic copy has the same shape). */
export function noteContentOf(message: Pick<InboxMessage, "type" | "content">): NoteView | undefined {
  if (message.type !== "note") return undefined;
  const note = (message.content as { note?: Partial<NoteView> }).note;
  if (!note || typeof note.body !== "string") return undefined;
  return { body: note.body, mentions: Array.isArray(note.mentions) ? note.mentions : [] };
}

/** The note's text in pieces, with each "@Name" of a mentioned teammate marked. */
export function noteSegments(body: string, mentions: readonly { name: string }[]): Array<{ text: string; mention: boolean }> {
  const names = [...new Set(mentions.map((mention) => `@${mention.name}`))].sort((a, b) => b.length - a.length);
  if (names.length === 0) return [{ text: body, mention: false }];
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(${escaped.join("|")})`, "g");
  return body
    .split(pattern)
    .filter((part) => part.length > 0)
    .map((part) => ({ text: part, mention: names.includes(part) }));
}

/**
 * A private note in the timeline: across the column, amber, with a lock, its author and time, and
 * the teammates it mentions marked. Never ticks nor retry: a note is not sent.
 */
export function NoteBubble({ message }: { message: InboxMessage }) {
  const t = useTranslations("notes.timeline");
  const format = useFormatter();
  const agents = useAgents();
  const note = noteContentOf(message);
  const author = (agents.data ?? []).find((agent) => agent.id === message.senderId)?.name ?? t("someone");
  return (
    <li className="my-2 flex justify-center" data-message-id={message.id} data-message-type="note">
      <article
        aria-label={t("by", { name: author })}
        className={cn(
          "w-full max-w-2xl rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 shadow-xs",
          "dark:border-amber-700/60 dark:bg-amber-950/50 dark:text-amber-50",
          message.optimistic && "opacity-70",
        )}
      >
        <p className="mb-1 flex items-center gap-1.5 text-[0.7rem] font-medium text-amber-900 dark:text-amber-200">
          <StickyNoteIcon className="size-3.5 shrink-0" aria-hidden="true" />
          <span>{t("label")}</span>
          <LockIcon className="size-3 shrink-0" aria-hidden="true" />
          <span aria-hidden="true">·</span>
          <span dir="auto" className="truncate">
            {author}
          </span>
          <span aria-hidden="true">·</span>
          <time dateTime={message.sentAt} className="tabular-nums">
            {format.dateTime(new Date(message.sentAt), TIME)}
          </time>
        </p>
        <p dir="auto" className="whitespace-pre-wrap break-words">
          {noteSegments(note?.body ?? "", note?.mentions ?? []).map((segment, index) =>
            segment.mention ? (
              <mark key={index} className="rounded bg-amber-200 px-0.5 font-medium text-amber-950 dark:bg-amber-700/70 dark:text-amber-50">
                {segment.text}
              </mark>
            ) : (
              <React.Fragment key={index}>{segment.text}</React.Fragment>
            ),
          )}
        </p>
      </article>
    </li>
  );
}

/** "Automatic" on an away or welcome message, with what sent it in a tooltip. */
export function AutomaticMarker({ origin }: { origin: string | null }) {
  const t = useTranslations("notes.timeline");
  if (origin !== "away_message" && origin !== "welcome_message") return null;
  const said = origin === "away_message" ? t("automaticAway") : t("automaticWelcome");
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <p tabIndex={0} aria-label={said} className="mb-0.5 flex w-fit items-center gap-1 rounded text-[0.7rem] font-medium text-muted-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <BotIcon className="size-3" aria-hidden="true" />
          {t("automatic")}
        </p>
      </TooltipTrigger>
      <TooltipContent>{said}</TooltipContent>
    </Tooltip>
  );
}
