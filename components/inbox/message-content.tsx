"use client";

import {
  BanIcon,
  CheckCheckIcon,
  CheckIcon,
  ChevronDownIcon,
  Clock3Icon,
  ContactIcon,
  ExternalLinkIcon,
  FileTextIcon,
  ListIcon,
  MapPinIcon,
  PencilIcon,
  TriangleAlertIcon,
} from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { WhatsAppText } from "@/components/whatsapp-text";
import { formatFileSize } from "@/lib/i18n/format";
import type { InboxMessage, MessageStatus } from "@/lib/inbox/views";
import { cn } from "@/lib/utils";
import { explainKnownGraphError, formatErrorLabel } from "@/lib/whatsapp/errors";
import { useErrorWords } from "@/lib/whatsapp/use-error-words";
import { composeMessage, storedContent, type ComposedMessage } from "@/lib/whatsapp/message-builders";

import { formAnswers } from "./form-reply";
import { WithMediaFallback } from "./media-unavailable";
import { earlierVersions, orphanEditText } from "./message-revisions";

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** WhatsApp-formatted text with clickable links: a customer's text is always text, never markup. */
export function FormattedText({ value, className }: { value: string; className?: string }) {
  return <WhatsAppText value={value} className={className} />;
}

const mediaUrl = (id: string) => `/api/media/${encodeURIComponent(id)}`;

function Caption({ value }: { value: string }) {
  return value ? <FormattedText value={value} className="mt-1.5" /> : null;
}

function MediaContent({ type, part, direction }: { type: string; part: Json; direction: InboxMessage["direction"] }) {
  const id = text(part.id);
  const link = text(part.link);
  const src = id ? mediaUrl(id) : /^https:\/\//.test(link) ? link : "";
  const caption = text(part.caption);
  const t = useTranslations("conversation.content");
  const format = useFormatter();
  if (!src) return <p className="text-sm italic opacity-80">{t("mediaWithoutFile")}</p>;
  switch (type) {
    case "image":
      return (
        <figure>
          <WithMediaFallback src={src}>
            {(onError, current) => (
              // eslint-disable-next-line @next/next/no-img-element -- authenticated media route, not a static asset
              <img src={current} alt={caption || t("photo", { direction })} loading="lazy" onError={onError} className="max-h-72 max-w-full rounded-md bg-black/5 object-contain" />
            )}
          </WithMediaFallback>
          <Caption value={caption} />
        </figure>
      );
    case "sticker":
      return (
        <WithMediaFallback src={src}>
          {(onError, current) => (
            // eslint-disable-next-line @next/next/no-img-element -- authenticated media route
            <img src={current} alt={t("sticker", { direction })} loading="lazy" onError={onError} className="size-32 object-contain" />
          )}
        </WithMediaFallback>
      );
    case "video":
      return (
        <figure>
          <WithMediaFallback src={src}>
            {(onError, current) => (
              <video src={current} controls preload="metadata" onError={onError} aria-label={caption || t("video", { direction })} className="max-h-72 max-w-full rounded-md bg-black" />
            )}
          </WithMediaFallback>
          <Caption value={caption} />
        </figure>
      );
    case "audio":
      return (
        <div>
          <p className="mb-1 text-xs opacity-80">{part.voice === true ? t("voiceMessage") : t("audio")}</p>
          <WithMediaFallback src={src}>
            {(onError, current) => (
              <audio src={current} controls preload="none" onError={onError} aria-label={part.voice === true ? t("voiceMessageFrom", { direction }) : t("audioFrom", { direction })} className="max-w-full" />
            )}
          </WithMediaFallback>
        </div>
      );
    default: {
      const filename = text(part.filename) || t("document");
      const size = typeof part.file_size === "number" ? part.file_size : undefined;
      const mime = text(part.mime_type);
      return (
        <div>
          <a
            href={src}
            target="_blank"
            rel="noopener noreferrer"
            className="flex items-center gap-3 rounded-md border border-black/10 bg-black/5 p-2.5 hover:bg-black/10 dark:border-white/10 dark:bg-white/5"
          >
            <FileTextIcon className="size-8 shrink-0 opacity-70" aria-hidden="true" />
            <span className="min-w-0">
              <span dir="auto" className="block truncate text-sm font-medium">
                {filename}
              </span>
              <span className="block text-xs opacity-75">
                {[mime.split("/").pop()?.toUpperCase(), size !== undefined ? formatFileSize(format, size) : undefined].filter(Boolean).join(" · ") || t("openDocument")}
              </span>
            </span>
          </a>
          <Caption value={caption} />
        </div>
      );
    }
  }
}

function LocationContent({ part }: { part: Json }) {
  const t = useTranslations("conversation.content");
  const format = useFormatter();
  const coordinate = (value: number) => format.number(value, { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  const latitude = Number(part.latitude);
  const longitude = Number(part.longitude);
  const valid = Number.isFinite(latitude) && Number.isFinite(longitude);
  const href = valid ? `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}` : undefined;
  return (
    <div className="flex items-start gap-2">
      <MapPinIcon className="mt-0.5 size-5 shrink-0 text-destructive" aria-hidden="true" />
      <div className="min-w-0">
        {text(part.name) ? (
          <p dir="auto" className="font-medium">
            {text(part.name)}
          </p>
        ) : null}
        {text(part.address) ? (
          <p dir="auto" className="text-sm opacity-85">
            {text(part.address)}
          </p>
        ) : null}
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer" className="text-sm text-info underline underline-offset-2">
            {t("openMap", { latitude: coordinate(latitude), longitude: coordinate(longitude) })}
          </a>
        ) : (
          <p className="text-sm italic">{t("noCoordinates")}</p>
        )}
      </div>
    </div>
  );
}

function ContactsContent({ cards }: { cards: unknown[] }) {
  const t = useTranslations("conversation.content");
  return (
    <ul className="space-y-2" aria-label={t("sharedContacts")}>
      {cards.map((raw, index) => {
        const card = record(raw);
        const name = text(record(card.name).formatted_name) || t("contact");
        return (
          <li key={index} className="flex items-start gap-2 rounded-md border border-black/10 bg-black/5 p-2 dark:border-white/10 dark:bg-white/5">
            <ContactIcon className="mt-0.5 size-5 shrink-0 opacity-70" aria-hidden="true" />
            <div className="min-w-0 text-sm">
              <p dir="auto" className="font-medium">
                {name}
              </p>
              {/* Numbers and addresses read left to right in every language. */}
              {list(card.phones).map((phone, phoneIndex) => (
                <p key={phoneIndex} dir="ltr" className="text-start">
                  {text(record(phone).phone)}
                </p>
              ))}
              {list(card.emails).map((email, emailIndex) => (
                <p key={emailIndex} dir="ltr" className="text-start">
                  {text(record(email).email)}
                </p>
              ))}
              {text(record(card.org).company) ? (
                <p dir="auto" className="opacity-75">
                  {text(record(card.org).company)}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function ButtonChips({ labels }: { labels: string[] }) {
  const t = useTranslations("conversation.content");
  if (labels.length === 0) return null;
  return (
    <ul className="mt-2 grid gap-1" aria-label={t("buttons")}>
      {labels.map((label, index) => (
        <li key={index} dir="auto" className="rounded-md border border-black/10 bg-background/60 px-2 py-1 text-center text-sm font-medium text-info dark:border-white/10">
          {label}
        </li>
      ))}
    </ul>
  );
}

/** A WhatsApp Flow's answers: each field the customer filled in, or the reply's text when they cannot be read. */
function FormReplyContent({ reply }: { reply: Json }) {
  const answers = formAnswers(reply.response_json);
  const t = useTranslations("conversation.content");
  return (
    <div>
      <p className="text-xs opacity-75">{t("formAnswered")}</p>
      {answers && answers.length > 0 ? (
        <dl aria-label={t("formAnswers")} className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
          {answers.map((answer) => (
            <React.Fragment key={answer.key}>
              <dt dir="auto" className="opacity-75">
                {answer.key}
              </dt>
              <dd dir="auto" className="min-w-0 font-medium break-words">
                {answer.value || "—"}
              </dd>
            </React.Fragment>
          ))}
        </dl>
      ) : (
        <FormattedText value={text(reply.body) || t("answersUnreadable")} />
      )}
    </div>
  );
}

const interactiveButtonClass =
  "mt-2 flex items-center justify-center gap-1.5 rounded-md border border-black/10 bg-background/60 px-2 py-1 text-center text-sm font-medium text-info dark:border-white/10";

/** A link button (`cta_url`) as the customer sees it: opens the page; only an http(s) address is ever a link. */
function LinkButton({ parameters }: { parameters: Json }) {
  const t = useTranslations("conversation.content");
  const label = text(parameters.display_text) || t("openLink");
  const url = text(parameters.url).trim();
  if (!/^https?:\/\/\S/i.test(url)) {
    return (
      <p dir="auto" className={interactiveButtonClass}>
        <ExternalLinkIcon className="size-4 shrink-0" aria-hidden="true" />
        {label}
      </p>
    );
  }
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      title={url}
      dir="auto"
      className={cn(interactiveButtonClass, "underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring")}
    >
      <ExternalLinkIcon className="size-4 shrink-0" aria-hidden="true" />
      {label}
    </a>
  );
}

/** The "Send location" button of a location request: the customer taps it in WhatsApp, not here. */
function SendLocationButton() {
  const t = useTranslations("conversation.content");
  return (
    <p className={cn(interactiveButtonClass, "cursor-not-allowed opacity-60 select-none")} title={t("sendLocationHint")}>
      {t("sendLocation")}
    </p>
  );
}

function InteractiveContent({ part }: { part: Json }) {
  const t = useTranslations("conversation.content");
  if (part.type === "nfm_reply") return <FormReplyContent reply={record(part.nfm_reply)} />;
  const reply = record(part.button_reply ?? part.list_reply);
  if (part.type === "button_reply" || part.type === "list_reply") {
    return (
      <div>
        <p className="text-xs opacity-75">{part.type === "button_reply" ? t("tappedButton") : t("choseFromList")}</p>
        <p dir="auto" className="font-medium">
          {text(reply.title)}
        </p>
        {text(reply.description) ? (
          <p dir="auto" className="text-sm opacity-80">
            {text(reply.description)}
          </p>
        ) : null}
      </div>
    );
  }
  const header = record(part.header);
  const action = record(part.action);
  const buttons = list(action.buttons).map((button) => text(record(record(button).reply).title));
  const rows = list(action.sections).flatMap((section) => list(record(section).rows).map((row) => record(row)));
  return (
    <div>
      {text(header.text) ? (
        <p dir="auto" className="font-semibold">
          {text(header.text)}
        </p>
      ) : null}
      <FormattedText value={text(record(part.body).text)} />
      {text(record(part.footer).text) ? (
        <p dir="auto" className="mt-1 text-xs opacity-70">
          {text(record(part.footer).text)}
        </p>
      ) : null}
      <ButtonChips labels={buttons} />
      {part.type === "cta_url" ? <LinkButton parameters={record(action.parameters)} /> : null}
      {part.type === "location_request_message" ? <SendLocationButton /> : null}
      {part.type === "list" ? (
        <details className="mt-2 rounded-md border border-black/10 bg-background/60 text-sm dark:border-white/10">
          <summary className="flex cursor-pointer items-center justify-center gap-1.5 px-2 py-1 font-medium text-info">
            <ListIcon className="size-4" aria-hidden="true" />
            <span dir="auto">{text(action.button) || t("options")}</span>
          </summary>
          <ul className="divide-y px-2 pb-1">
            {rows.map((row, index) => (
              <li key={index} dir="auto" className="py-1">
                <span className="font-medium">{text(row.title)}</span>
                {text(row.description) ? <span className="block text-xs opacity-75">{text(row.description)}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function TemplateContent({ content }: { content: Json }) {
  const t = useTranslations("conversation.content");
  const template = record(content.template);
  const rendered = record(content.rendered);
  const header = record(rendered.header);
  const buttons = list(rendered.buttons).map((button) => text(record(button).text));
  if (!content.rendered) {
    return (
      <p className="text-sm">
        {t.rich("template", { name: text(template.name), mono: (chunks) => <span className="font-mono">{chunks}</span> })}
      </p>
    );
  }
  return (
    <div>
      <p className="mb-1 text-[0.7rem] font-medium tracking-wide uppercase opacity-70">{t("templateLabel", { name: text(template.name) })}</p>
      {header.type === "text" ? (
        <p dir="auto" className="font-semibold">
          {text(header.text)}
        </p>
      ) : null}
      {header.type && header.type !== "text" ? <p className="text-xs italic opacity-75">{t("mediaHeader", { type: text(header.type) })}</p> : null}
      <FormattedText value={text(rendered.body)} />
      {text(rendered.footer) ? (
        <p dir="auto" className="mt-1 text-xs opacity-70">
          {text(rendered.footer)}
        </p>
      ) : null}
      <ButtonChips labels={buttons} />
    </div>
  );
}

/** A small text button that opens and closes something below it. */
function DisclosureButton({ open, controls, onToggle, children }: { open: boolean; controls: string; onToggle: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      className="mt-1.5 inline-flex items-center gap-1 rounded-sm text-xs font-medium text-info underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
    >
      <ChevronDownIcon className={cn("size-3.5 transition-transform", open && "rotate-180")} aria-hidden="true" />
      {children}
    </button>
  );
}

/** What WhatsApp sent, as JSON, for whoever needs to see exactly what arrived. */
function RawToggle({ value }: { value: unknown }) {
  const t = useTranslations("conversation.content");
  const [open, setOpen] = React.useState(false);
  const id = React.useId();
  return (
    <div>
      <DisclosureButton open={open} controls={id} onToggle={() => setOpen((current) => !current)}>
        {open ? t("hideRaw") : t("showRaw")}
      </DisclosureButton>
      {open ? (
        // Focusable, so the scrollable JSON can be scrolled with the keyboard.
        <pre
          id={id}
          tabIndex={0}
          aria-label={t("rawMessage")}
          className="mt-1.5 max-h-64 max-w-full overflow-auto rounded-md bg-black/5 p-2 font-mono text-[0.7rem] leading-snug whitespace-pre outline-none focus-visible:ring-2 focus-visible:ring-ring dark:bg-white/5"
        >
          {JSON.stringify(value ?? null, null, 2)}
        </pre>
      ) : null}
    </div>
  );
}

/** A message whose content did not fit its type: kept whole by the ingest, with why. */
function UnreadableContent({ content }: { content: Json }) {
  const t = useTranslations("conversation.content");
  const unreadable = record(content.unreadable);
  const type = text(unreadable.type);
  const problem = text(unreadable.problem);
  // English says "an image", "a text": the type's first letter picks the article.
  const article = /^[aeiou]/i.test(type) ? "an" : "a";
  return (
    <div>
      <p className="flex items-center gap-1.5 text-sm font-medium">
        <TriangleAlertIcon className="size-4 shrink-0 text-warning" aria-hidden="true" />
        {t("unreadableTitle")}
      </p>
      <p className="mt-0.5 text-xs opacity-75">
        {type
          ? problem
            ? t("unreadableOfTypeBecause", { article, type, problem })
            : t("unreadableOfType", { article, type })
          : problem
            ? t("unreadableBecause", { problem })
            : t("unreadable")}
      </p>
      <RawToggle value={content.raw} />
    </div>
  );
}

/** A type WhatsApp itself does not support (131051, 131060…), or one this inbox does not know. */
function UnsupportedContent({ type, content }: { type: string; content: Json }) {
  const t = useTranslations("conversation.content");
  const error = record(list(content.errors)[0]);
  const code = typeof error.code === "number" || typeof error.code === "string" ? error.code : undefined;
  const errorWords = useErrorWords();
  const known = explainKnownGraphError(code);
  const title = text(error.title) || text(error.message) || (known ? errorWords(known).title : code !== undefined ? t("error") : "");
  return (
    <div>
      <p className="flex items-center gap-1.5 text-sm font-medium">
        <TriangleAlertIcon className="size-4 shrink-0 text-warning" aria-hidden="true" />
        {t("unsupportedTitle")}
      </p>
      {title ? <p className="mt-0.5 text-xs opacity-75">{formatErrorLabel(code, title)}</p> : null}
      {type !== "unsupported" ? <p className="mt-0.5 text-xs opacity-75">{t("unsupportedType", { type })}</p> : null}
      <RawToggle value={content} />
    </div>
  );
}

/** A deleted message: the team keeps what it said, behind a toggle. */
function RevokedContent({ message, customerName }: { message: InboxMessage; customerName?: string }) {
  const t = useTranslations("conversation.content");
  const [open, setOpen] = React.useState(false);
  const id = React.useId();
  return (
    <div>
      <p className="flex items-center gap-1.5 text-sm italic opacity-80">
        <BanIcon className="size-4 shrink-0" aria-hidden="true" />
        {t("deletedByCustomer")}
      </p>
      <DisclosureButton open={open} controls={id} onToggle={() => setOpen((current) => !current)}>
        {open ? t("hideDeleted") : t("showDeleted")}
      </DisclosureButton>
      {open ? (
        <div id={id} className="mt-1.5 border-s-2 border-black/15 ps-2 opacity-80 dark:border-white/20">
          <TypeContent message={message} customerName={customerName} />
        </div>
      ) : null}
    </div>
  );
}

/** A day and time in the reader's language and zone ("2 Mar, 10:05"), as the timeline writes them. */
export const SHORT_DATE_TIME = { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

/** The "Edited" mark beside a message's time: a button that shows its earlier versions. */
export function EditedToggle({ open, controls, onToggle }: { open: boolean; controls: string; onToggle: () => void }) {
  const t = useTranslations("conversation.content");
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={controls}
      title={open ? t("hideVersions") : t("showVersions")}
      onClick={onToggle}
      className="rounded-sm px-0.5 italic underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
    >
      {t("edited")}
    </button>
  );
}

/** What an edited message said before, oldest first. */
export function EarlierVersions({ id, message }: { id: string; message: InboxMessage }) {
  const t = useTranslations("conversation.content");
  const format = useFormatter();
  const versions = earlierVersions(message);
  return (
    <div id={id} className="mt-1.5 border-t border-black/10 pt-1.5 text-xs dark:border-white/10">
      <p className="mb-1 font-medium opacity-75">{t("earlierVersions")}</p>
      {versions.length === 0 ? (
        <p className="italic opacity-75">{t("noEarlierVersion")}</p>
      ) : (
        <ol aria-label={t("earlierVersions")} className="space-y-1">
          {versions.map((version, index) => (
            <li key={index}>
              <time dateTime={version.writtenAt} className="block text-[0.7rem] opacity-70 tabular-nums">
                {format.dateTime(new Date(version.writtenAt), SHORT_DATE_TIME)}
              </time>
              {version.text ? <FormattedText value={version.text} /> : <span className="italic opacity-75">{t("noText")}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * The body of one message, for every type WhatsApp sends; anything unknown gets a clear note. A
 * message the customer deleted says so first. `customerName` names them in notices.
 */
export function MessageContent({ message, customerName }: { message: InboxMessage; customerName?: string }) {
  if (message.revokedAt) return <RevokedContent message={message} customerName={customerName} />;
  return <TypeContent message={message} customerName={customerName} />;
}

/** A composed message as it will show once sent: the composer's live previews. */
export function ComposedContent({ message }: { message: ComposedMessage }) {
  return <TypeContent message={{ ...composedMessageContent(message), direction: "outbound" }} />;
}

function TypeContent({ message, customerName }: { message: Pick<InboxMessage, "type" | "content" | "direction">; customerName?: string }) {
  const t = useTranslations("conversation.content");
  const content = message.content;
  const part = record(content[message.type]);
  switch (message.type) {
    case "text":
      return <FormattedText value={text(part.body)} />;
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker":
      return <MediaContent type={message.type} part={part} direction={message.direction} />;
    case "location":
      return <LocationContent part={part} />;
    case "contacts":
      return <ContactsContent cards={list(content.contacts)} />;
    case "interactive":
      return <InteractiveContent part={part} />;
    case "button":
      return (
        <div>
          <p className="text-xs opacity-75">{t("tappedTemplateButton")}</p>
          <p dir="auto" className="font-medium">
            {text(part.text)}
          </p>
        </div>
      );
    case "template":
      return <TemplateContent content={content} />;
    case "order": {
      const items = list(part.product_items);
      return (
        <div>
          <p className="font-medium">{t("order", { count: items.length })}</p>
          {text(part.text) ? <FormattedText value={text(part.text)} /> : null}
        </div>
      );
    }
    case "system":
      return (
        <p dir="auto" className="text-sm italic">
          {text(part.body) || t("systemMessage")}
        </p>
      );
    case "request_welcome":
      return <p>{customerName ? t("welcomeNamed", { name: customerName }) : t("welcome")}</p>;
    case "edit": {
      const edited = orphanEditText(content);
      return (
        <div className="flex items-start gap-1.5 text-sm italic opacity-85">
          <PencilIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <div className="min-w-0">
            <p>{edited ? t("orphanEditWithText") : t("orphanEdit")}</p>
            {edited ? <FormattedText value={edited} className="not-italic" /> : null}
          </div>
        </div>
      );
    }
    case "revoke":
      return (
        <p className="flex items-center gap-1.5 text-sm italic opacity-85">
          <BanIcon className="size-4 shrink-0" aria-hidden="true" />
          {t("orphanRevoke")}
        </p>
      );
    case "unreadable":
      return <UnreadableContent content={content} />;
    default:
      return <UnsupportedContent type={message.type} content={content} />;
  }
}

/**
 * What a composed message will look like once stored: built by the builder the send uses, so the copy
 * shown while it is on its way, and the composer's previews, show what the server keeps.
 */
export function composedMessageContent(message: ComposedMessage, replyTo?: string): { type: string; content: Json } {
  const built = composeMessage(message, { replyTo });
  return { type: built.type, content: storedContent(built) };
}

/** Types shown as a centred notice in the timeline, not as a bubble. */
export const NOTICE_TYPES = new Set(["system", "request_welcome"]);

/** Delivery ticks as WhatsApp shows them, with their name for screen readers. */
export function DeliveryTicks({ status }: { status: MessageStatus | null }) {
  const t = useTranslations("conversation.status");
  if (!status) return null;
  const label = t(status);
  const icon =
    status === "pending" ? (
      <Clock3Icon className="size-3.5" />
    ) : status === "sent" ? (
      <CheckIcon className="size-3.5" />
    ) : status === "failed" ? (
      <TriangleAlertIcon className="size-3.5 text-destructive" />
    ) : (
      <CheckCheckIcon className={cn("size-3.5", status === "read" && "text-info")} />
    );
  return (
    <span role="img" aria-label={label} title={label} data-status={status} className="inline-flex">
      {icon}
    </span>
  );
}

/** A translator of `conversation.snippet` (`useTranslations("conversation.snippet")`). */
export type SnippetTranslate = ReturnType<typeof useTranslations<"conversation.snippet">>;

/** One line that stands for a message inside a quote: its own words, or what kind of message it is. */
export function snippetOf(message: Pick<InboxMessage, "type" | "content" | "revokedAt">, t: SnippetTranslate): string {
  const part = record(message.content[message.type]);
  if (message.revokedAt) return t("deleted");
  switch (message.type) {
    case "text":
      return text(part.body);
    case "template":
      return text(record(message.content.rendered).body) || t("template", { name: text(part.name) });
    case "interactive":
      if (part.type === "nfm_reply") return t("formAnswered");
      return text(record(part.button_reply ?? part.list_reply).title) || text(record(part.body).text) || t("interactive");
    case "image":
      return text(part.caption) || t("photo");
    case "video":
      return text(part.caption) || t("video");
    case "audio":
      return t("audio");
    case "document":
      return text(part.filename) || t("document");
    case "sticker":
      return t("sticker");
    case "location":
      return text(part.name) ? t("location", { name: text(part.name) }) : t("locationUnnamed");
    case "contacts":
      return t("contact");
    case "button":
      return text(part.text);
    case "order":
      return t("order");
    case "system":
      return text(part.body) || t("system");
    case "request_welcome":
      return t("welcome");
    case "edit":
      return orphanEditText(message.content) || t("edited");
    case "revoke":
      return t("revoked");
    case "unreadable":
      return t("unreadable");
    default:
      return t("unsupported");
  }
}

/** `snippetOf` in the reader's language, for a component that needs the line as text (an aria-label). */
export function useMessageSnippet(): (message: Pick<InboxMessage, "type" | "content" | "revokedAt">) => string {
  const t = useTranslations("conversation.snippet");
  return React.useCallback((message) => snippetOf(message, t), [t]);
}

/** The line that stands for a message, in the reader's language. */
export function MessageSnippet({ message }: { message: Pick<InboxMessage, "type" | "content" | "revokedAt"> }) {
  const snippet = useMessageSnippet();
  return <>{snippet(message)}</>;
}

/** The line that stands for a message, to place in JSX (`{messageSnippet(replyTo)}`); as text, use `useMessageSnippet()`. */
export function messageSnippet(message: Pick<InboxMessage, "type" | "content" | "revokedAt">): React.ReactElement {
  return <MessageSnippet message={message} />;
}
