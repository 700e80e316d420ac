"use client";

import { InfoIcon, Loader2Icon, MegaphoneIcon, ReplyIcon, RotateCcwIcon, SmartphoneIcon, SmilePlusIcon } from "lucide-react";
import Link from "next/link";
import { useNow as useIntlNow, useFormatter, useTimeZone, useTranslations } from "next-intl";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { CampaignMessageLink, InboxMessage } from "@/lib/inbox/views";
import { cn } from "@/lib/utils";
import { explainKnownGraphError, formatErrorLabel, type ErrorExplanation, type ExplainedWords } from "@/lib/whatsapp/errors";
import { useErrorWords } from "@/lib/whatsapp/use-error-words";

import { DeliveryTicks, EarlierVersions, EditedToggle, MessageContent, NOTICE_TYPES, SHORT_DATE_TIME, useMessageSnippet } from "./message-content";
import { AutomaticMarker, NoteBubble } from "./note-bubble";
import { pricingLabel } from "./pricing-label";
import { reactionsByMessage, type MessageReactions } from "./reactions";
import { useNow } from "./use-now";

export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

/** The time of a message beside its ticks ("10:05"), in the reader's zone. */
const TIME = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

/** Reads the calendar date of an instant in a time zone (numbers only: nothing here is shown). */
const calendarReaders = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in the reader's zone, as a day count (for "Today", "Yesterday" and grouping), and its year. */
function calendarDay(date: Date, timeZone: string | undefined): { day: number; year: number } {
  const zone = timeZone ?? "";
  let reader = calendarReaders.get(zone);
  if (!reader) {
    reader = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", numberingSystem: "latn" });
    calendarReaders.set(zone, reader);
  }
  const parts = reader.formatToParts(date);
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return { day: Date.UTC(value("year"), value("month") - 1, value("day")) / 86_400_000, year: value("year") };
}

/** When a sent message went out, arrived and was read, and what it cost. */
function MessageDetails({ id, message }: { id: string; message: InboxMessage }) {
  const t = useTranslations("conversation.details");
  const tTimeline = useTranslations("conversation.timeline");
  const tPricing = useTranslations("conversation.pricing");
  const format = useFormatter();
  const pricing = pricingLabel(message.pricing, tPricing);
  const dateTime = (iso: string) => format.dateTime(new Date(iso), SHORT_DATE_TIME);
  const rows: Array<[string, string]> = [
    [t("sent"), dateTime(message.sentAt)],
    ...(message.deliveredAt ? [[t("delivered"), dateTime(message.deliveredAt)] as [string, string]] : []),
    ...(message.readAt ? [[t("read"), dateTime(message.readAt)] as [string, string]] : []),
    [t("pricing"), pricing ?? t("notReported")],
  ];
  return (
    <div id={id} className="mt-1 max-w-[min(32rem,85%)] rounded-md border bg-background px-2.5 py-1.5 text-xs text-muted-foreground shadow-xs">
      <dl aria-label={tTimeline("details")} className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 tabular-nums">
        {rows.map(([term, value]) => (
          <React.Fragment key={term}>
            <dt>{term}</dt>
            <dd className="text-foreground">{value}</dd>
          </React.Fragment>
        ))}
      </dl>
    </div>
  );
}

/**
 * The failure in plain words: our explanation for a known code (recognised by the code alone,
 * whether WhatsApp refused the send at once or reported it failed later), else what was stored.
 */
function failureText(
  message: InboxMessage,
  fallback: { title: string; explanation: string },
  errorWords: (explained: ErrorExplanation) => ExplainedWords,
): { label: string; explanation: string; retryLater: boolean } {
  const known = explainKnownGraphError(message.errorCode);
  const words = known ? errorWords(known) : undefined;
  const title = words ? words.title : message.errorTitle ?? fallback.title;
  const explanation = words ? words.explanationAndAction : message.errorDetails ?? fallback.explanation;
  return { label: formatErrorLabel(message.errorCode ?? undefined, title), explanation, retryLater: known ? known.retryLater : false };
}

/** WhatsApp confirms every accepted message with a status; none after this long means no status webhook reaches us. */
const NO_CONFIRMATION_AFTER_MS = 3 * 60 * 1000;

/** Accepted by WhatsApp (it has a wamid) but no status since: not "sending" forever, but said plainly. */
function awaitsConfirmation(message: InboxMessage): boolean {
  return message.direction === "outbound" && message.status === "pending" && message.wamid !== null && message.errorTitle === null;
}

function NoConfirmation({ message }: { message: InboxMessage }) {
  const t = useTranslations("conversation.noConfirmation");
  const now = useNow(30_000);
  if (now.getTime() - new Date(message.statusAt ?? message.sentAt).getTime() < NO_CONFIRMATION_AFTER_MS) return null;
  return (
    <div className="mt-1 max-w-[min(32rem,85%)] rounded-md border border-warning/30 bg-warning/10 px-3 py-2 text-xs text-warning">
      <p className="font-semibold">{t("title")}</p>
      <p className="mt-0.5 text-foreground/80">
        {t.rich("body", {
          link: (chunks) => (
            <Link href="/settings/webhooks" className="font-medium text-foreground underline underline-offset-2">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}

function Failure({ message, onRetry }: { message: InboxMessage; onRetry: (message: InboxMessage) => Promise<void> }) {
  const t = useTranslations("conversation.failure");
  const [retrying, setRetrying] = React.useState(false);
  const unknown = message.status === "pending" && message.errorTitle !== null && message.wamid === null;
  const { label, explanation, retryLater } = failureText(message, { title: t("notSent"), explanation: t("couldNotSend") }, useErrorWords());
  const retry = async () => {
    if (retrying) return;
    setRetrying(true);
    try {
      await onRetry(message);
    } finally {
      setRetrying(false);
    }
  };
  return (
    <div
      className={cn(
        "mt-1 max-w-[min(32rem,85%)] rounded-md border px-3 py-2 text-xs",
        unknown ? "border-warning/30 bg-warning/10 text-warning" : "border-destructive/25 bg-destructive/10 text-destructive",
      )}
    >
      <p className="font-semibold">{unknown ? t("notConfirmed", { title: message.errorTitle ?? "" }) : t("notDelivered", { label })}</p>
      <p className="mt-0.5 text-foreground/80">{unknown ? t("outcomeUnknown") : explanation}</p>
      {!unknown && retryLater ? <p className="mt-0.5 text-foreground/80">{t("retryLaterSafe")}</p> : null}
      <Button size="sm" variant="outline" className="mt-2 h-7 bg-background text-xs" onClick={retry} disabled={retrying}>
        {retrying ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RotateCcwIcon aria-hidden="true" />}
        {unknown ? t("checkAndRetry") : t("retry")}
      </Button>
    </div>
  );
}

function QuoteText({ quoted }: { quoted: InboxMessage | undefined }) {
  const t = useTranslations("conversation.quote");
  const snippet = useMessageSnippet();
  return (
    <>
      <p className="font-medium text-primary">{quoted ? (quoted.direction === "outbound" ? t("you") : t("customer")) : t("reply")}</p>
      {quoted ? (
        <p dir="auto" className="line-clamp-2 text-muted-foreground">
          {snippet(quoted)}
        </p>
      ) : (
        <p className="line-clamp-2 text-muted-foreground">{t("earlier")}</p>
      )}
    </>
  );
}

function Bubble({
  message,
  customerName,
  campaignName,
  quoted,
  reactions,
  canReply,
  highlighted,
  onShowQuoted,
  onReply,
  onReact,
  onRetry,
}: {
  message: InboxMessage;
  customerName: string | undefined;
  /** The campaign that sent this message, when one did. */
  campaignName: string | undefined;
  quoted: InboxMessage | undefined;
  reactions: MessageReactions | undefined;
  canReply: boolean;
  highlighted: boolean;
  onShowQuoted: (quoted: InboxMessage) => void;
  onReply: (message: InboxMessage) => void;
  onReact: (message: InboxMessage, emoji: string) => void;
  onRetry: (message: InboxMessage) => Promise<void>;
}) {
  const t = useTranslations("conversation.timeline");
  const tQuote = useTranslations("conversation.quote");
  const format = useFormatter();
  const snippet = useMessageSnippet();
  const outbound = message.direction === "outbound";
  const [showVersions, setShowVersions] = React.useState(false);
  const [showDetails, setShowDetails] = React.useState(false);
  const versionsId = React.useId();
  const detailsId = React.useId();
  // A private note: the team's own bubble, never ticks nor retry (it is not sent).
  if (message.type === "note") return <NoteBubble message={message} />;
  if (NOTICE_TYPES.has(message.type)) {
    return (
      <li className="my-2 flex justify-center" data-message-id={message.id}>
        <div className="max-w-md rounded-md bg-muted px-3 py-1.5 text-center text-xs text-muted-foreground">
          <MessageContent message={message} customerName={customerName} />
        </div>
      </li>
    );
  }
  const hasDetails = outbound && !!message.wamid;
  const failed = message.status === "failed" || (message.status === "pending" && message.errorTitle !== null && message.wamid === null);
  const emojis = [reactions?.customer, reactions?.business].filter((emoji): emoji is string => !!emoji);
  return (
    <li className={cn("group flex flex-col", outbound ? "items-end" : "items-start")} data-message-id={message.id} data-status={message.status ?? undefined}>
      {/* Full width, so the bubble's 70% limit is of the column, not of its own text (which wrapped every line early). */}
      <div className={cn("flex w-full items-center gap-1", outbound ? "flex-row-reverse" : "flex-row")}>
        <article
          aria-label={outbound ? t("sentMessage") : t("customerMessage")}
          className={cn(
            "relative max-w-[min(32rem,85vw)] rounded-lg px-3 py-2 text-sm shadow-xs transition-shadow md:max-w-[min(32rem,70%)]",
            outbound ? "rounded-se-sm bg-[oklch(0.94_0.05_160)] text-foreground dark:bg-[oklch(0.33_0.06_165)]" : "rounded-ss-sm border bg-card",
            failed && "ring-1 ring-destructive/40",
            highlighted && "ring-2 ring-primary",
          )}
        >
          {quoted || message.replyToWamid ? (
            <blockquote className="mb-1.5 rounded border-s-4 border-primary/70 bg-black/5 text-xs dark:bg-white/5">
              {quoted ? (
                <button
                  type="button"
                  className="block w-full rounded-e px-2 py-1 text-start outline-none hover:bg-black/5 focus-visible:ring-2 focus-visible:ring-ring dark:hover:bg-white/5"
                  aria-label={tQuote("show", { snippet: snippet(quoted) })}
                  onClick={() => onShowQuoted(quoted)}
                >
                  <QuoteText quoted={quoted} />
                </button>
              ) : (
                <div className="px-2 py-1">
                  <QuoteText quoted={undefined} />
                </div>
              )}
            </blockquote>
          ) : null}
          {outbound && message.origin === "business_app" ? (
            <p className="mb-0.5 flex items-center gap-1 text-[0.7rem] font-medium text-muted-foreground">
              <SmartphoneIcon className="size-3" aria-hidden="true" />
              {t("businessApp")}
            </p>
          ) : null}
          {outbound ? <AutomaticMarker origin={message.origin} /> : null}
          {outbound && campaignName !== undefined ? (
            <p className="mb-0.5 flex min-w-0 items-center gap-1 text-[0.7rem] font-medium text-muted-foreground">
              <MegaphoneIcon className="size-3 shrink-0" aria-hidden="true" />
              <span className="truncate">
                {t.rich("campaign", {
                  name: campaignName,
                  campaign: (chunks) => <bdi dir="auto">{chunks}</bdi>,
                })}
              </span>
            </p>
          ) : null}
          <MessageContent message={message} customerName={customerName} />
          <p className="mt-1 flex items-center justify-end gap-1 text-[0.7rem] text-muted-foreground tabular-nums">
            {message.editedAt ? <EditedToggle open={showVersions} controls={versionsId} onToggle={() => setShowVersions((open) => !open)} /> : null}
            <time dateTime={message.sentAt}>{format.dateTime(new Date(message.sentAt), TIME)}</time>
            {outbound ? <DeliveryTicks status={message.status} /> : null}
          </p>
          {message.editedAt && showVersions ? <EarlierVersions id={versionsId} message={message} /> : null}
          {emojis.length > 0 ? (
            <span
              role="img"
              className={cn("absolute -bottom-3 rounded-full border bg-background px-1.5 text-sm leading-5 shadow-xs", outbound ? "end-2" : "start-2")}
              aria-label={t("reactions", { emojis: emojis.join(" ") })}
            >
              {emojis.join("")}
            </span>
          ) : null}
        </article>
        {message.wamid && (canReply || hasDetails) ? (
          <div className={cn("flex opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100", showDetails && "opacity-100")}>
            {canReply ? (
              <>
                <Button variant="ghost" size="icon-sm" aria-label={t("reply")} onClick={() => onReply(message)}>
                  <ReplyIcon className="rtl:-scale-x-100" aria-hidden="true" />
                </Button>
                <DropdownMenu>
                  <DropdownMenuTrigger asChild>
                    <Button variant="ghost" size="icon-sm" aria-label={t("react")}>
                      <SmilePlusIcon aria-hidden="true" />
                    </Button>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align={outbound ? "end" : "start"} className="flex min-w-0 gap-0.5 p-1">
                    {QUICK_REACTIONS.map((emoji) => (
                      <DropdownMenuItem key={emoji} aria-label={t("reactWith", { emoji })} className="px-1.5 text-lg" onSelect={() => onReact(message, emoji)}>
                        {emoji}
                      </DropdownMenuItem>
                    ))}
                    {reactions?.business ? (
                      <>
                        <DropdownMenuSeparator className="mx-0.5 my-1 h-auto w-px" />
                        {/* WhatsApp removes a reaction when the same message gets an empty emoji. */}
                        <DropdownMenuItem className="px-2 text-xs" onSelect={() => onReact(message, "")}>
                          {t("removeReaction")}
                        </DropdownMenuItem>
                      </>
                    ) : null}
                  </DropdownMenuContent>
                </DropdownMenu>
              </>
            ) : null}
            {hasDetails ? (
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={t("details")}
                aria-expanded={showDetails}
                aria-controls={detailsId}
                onClick={() => setShowDetails((open) => !open)}
              >
                <InfoIcon aria-hidden="true" />
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {emojis.length > 0 ? <div className="h-3" /> : null}
      {hasDetails && showDetails ? <MessageDetails id={detailsId} message={message} /> : null}
      {failed && outbound ? <Failure message={message} onRetry={onRetry} /> : null}
      {awaitsConfirmation(message) ? <NoConfirmation message={message} /> : null}
    </li>
  );
}

/**
 * Messages oldest to newest with day separators, in a column that starts at the bottom: loading older
 * pages above never moves what the agent is reading.
 */
export function MessageTimeline({
  messages,
  customerName,
  campaignMessages,
  quoted,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  canReply,
  onReply,
  onReact,
  onRetry,
}: {
  /** Newest first, as the server pages them. */
  messages: InboxMessage[];
  /** How the customer is named in notices ("… opened the chat for the first time"). */
  customerName?: string;
  /** The conversation's campaign messages with the campaign that sent each (captioned with its name). */
  campaignMessages?: CampaignMessageLink[];
  quoted: InboxMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  canReply: boolean;
  onReply: (message: InboxMessage) => void;
  onReact: (message: InboxMessage, emoji: string) => void;
  onRetry: (message: InboxMessage) => Promise<void>;
}) {
  const t = useTranslations("conversation.timeline");
  const format = useFormatter();
  const timeZone = useTimeZone();
  // Minute by minute, so "Today" moves on at midnight.
  const now = useIntlNow({ updateInterval: 60_000 });
  const sentinel = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasOlder) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onLoadOlder();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasOlder, onLoadOlder]);

  // "Show the quoted message": scroll to it and mark it a moment; older pages load until it is there.
  const [target, setTarget] = React.useState<string | null>(null);
  const [highlighted, setHighlighted] = React.useState<string | null>(null);
  const targetLoaded = target !== null && messages.some((message) => message.id === target);
  React.useEffect(() => {
    if (target === null) return;
    if (!targetLoaded && hasOlder) {
      if (!loadingOlder) onLoadOlder();
      return;
    }
    // Once the page with it has rendered (or there is nothing older to load).
    const frame = requestAnimationFrame(() => {
      if (targetLoaded) {
        document.querySelector(`[data-message-id="${CSS.escape(target)}"]`)?.scrollIntoView({ block: "center", behavior: "smooth" });
        setHighlighted(target);
      }
      setTarget(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [target, targetLoaded, hasOlder, loadingOlder, onLoadOlder]);
  React.useEffect(() => {
    if (highlighted === null) return;
    const timer = setTimeout(() => setHighlighted(null), 2000);
    return () => clearTimeout(timer);
  }, [highlighted]);

  const byWamid = new Map<string, InboxMessage>();
  for (const message of [...quoted, ...messages]) if (message.wamid) byWamid.set(message.wamid, message);
  const reactions = reactionsByMessage(messages);
  const campaignOf = new Map((campaignMessages ?? []).map((link) => [link.messageId, link.campaignName]));

  const chronological = [...messages].reverse().filter((message) => message.type !== "reaction");
  const today = calendarDay(now, timeZone);
  const dayLabel = (date: Date, { day, year }: { day: number; year: number }) => {
    if (day === today.day) return t("today");
    if (day === today.day - 1) return t("yesterday");
    return format.dateTime(date, { weekday: "long", day: "numeric", month: "long", ...(year !== today.year ? { year: "numeric" } : {}) });
  };
  const rows: React.ReactNode[] = [];
  let lastDay: number | undefined;
  for (const message of chronological) {
    const date = new Date(message.sentAt);
    const calendar = calendarDay(date, timeZone);
    if (calendar.day !== lastDay) {
      lastDay = calendar.day;
      const label = dayLabel(date, calendar);
      rows.push(
        <li key={`day-${calendar.day}`} role="separator" aria-label={label} className="sticky top-1 z-10 my-3 flex justify-center">
          <span className="rounded-full border bg-background/95 px-3 py-0.5 text-xs font-medium text-muted-foreground shadow-xs backdrop-blur">
            {label}
          </span>
        </li>,
      );
    }
    rows.push(
      <Bubble
        key={message.clientKey ?? message.id}
        message={message}
        customerName={customerName}
        campaignName={campaignOf.get(message.id)}
        quoted={message.replyToWamid ? byWamid.get(message.replyToWamid) : undefined}
        reactions={message.wamid ? reactions.get(message.wamid) : undefined}
        canReply={canReply}
        highlighted={highlighted === message.id}
        onShowQuoted={(original) => setTarget(original.id)}
        onReply={onReply}
        onReact={onReact}
        onRetry={onRetry}
      />,
    );
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col-reverse overflow-y-auto bg-muted/40 px-3 py-4 md:px-6" data-testid="message-scroller">
      <div>
        {hasOlder ? (
          <div ref={sentinel} className="mb-2 flex justify-center">
            <Button variant="ghost" size="sm" onClick={onLoadOlder} disabled={loadingOlder}>
              {loadingOlder ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {loadingOlder ? t("loadingOlder") : t("loadOlder")}
            </Button>
          </div>
        ) : chronological.length > 0 ? (
          <p className="mb-2 text-center text-xs text-muted-foreground">{t("start")}</p>
        ) : null}
        <ol aria-label={t("messages")} className="space-y-2">
          {rows}
        </ol>
      </div>
    </div>
  );
}
