"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip-popup";
import type { ConsentState } from "@/lib/contacts/filter";
import type { AttributeDefinitionView, AttributeValue, ConsentView, ContactListItem } from "@/lib/contacts/views";
import { formatPhone, formatUsername } from "@/lib/inbox/customer-label";
import { remainingTime } from "@/lib/whatsapp/service-window";

const CONSENT_BADGES = { opted_in: "success", unknown: "outline", opted_out: "destructive" } as const satisfies Record<ConsentState, string>;

/** What a contact is called: display name, WhatsApp name, number, @username, user id — the first known. */
export function contactName(contact: Pick<ContactListItem, "displayName" | "profileName" | "phoneNumber" | "username" | "userId">): string {
  const named = contact.displayName?.trim() || contact.profileName?.trim();
  if (named) return named;
  if (contact.phoneNumber) return formatPhone(contact.phoneNumber);
  if (contact.username) return formatUsername(contact.username);
  return contact.userId ?? "";
}

/** The name as a link to the contact's page, with the WhatsApp name under a display name that differs from it. */
export function NameCell({ contact }: { contact: ContactListItem }) {
  const name = contactName(contact);
  const whatsAppName = contact.displayName && contact.profileName && contact.profileName.trim() !== contact.displayName.trim() ? contact.profileName : null;
  return (
    <div className="min-w-0">
      <Link
        href={`/contacts/${contact.id}`}
        className="block truncate font-medium outline-none hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring"
      >
        <bdi dir={name.startsWith("+") ? "ltr" : "auto"}>{name}</bdi>
      </Link>
      {whatsAppName ? (
        <p dir="auto" className="truncate text-xs text-muted-foreground">
          {whatsAppName}
        </p>
      ) : null}
    </div>
  );
}

/** Opted in / Unknown / Opted out, with where it came from and when in its tooltip. */
export function ConsentBadge({ consent }: { consent: ConsentView }) {
  const t = useTranslations("contacts.table.consent");
  const format = useFormatter();
  const badge = <Badge variant={CONSENT_BADGES[consent.state]}>{t(`states.${consent.state}`)}</Badge>;
  if (!consent.source && !consent.at) return badge;
  const source = consent.source ? t(`sources.${consent.source}`) : t("sources.unknown");
  const detail = consent.at ? t("detail", { source, date: format.dateTime(new Date(consent.at), { dateStyle: "medium", timeStyle: "short" }) }) : source;
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        {/* Focusable, so keyboard readers reach the details too. */}
        <span tabIndex={0} className="inline-flex rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring">
          {badge}
          <span className="sr-only">{detail}</span>
        </span>
      </TooltipTrigger>
      <TooltipContent>{detail}</TooltipContent>
    </Tooltip>
  );
}

/** The 24-hour window: open with the time left, or closed (nothing when the customer never wrote). */
export function WindowCell({ contact, now }: { contact: Pick<ContactListItem, "windowClosesAt" | "lastInboundAt">; now: Date }) {
  const t = useTranslations("contacts.table.window");
  const format = useFormatter();
  const closesAt = contact.windowClosesAt ? Date.parse(contact.windowClosesAt) : NaN;
  if (Number.isFinite(closesAt) && closesAt > now.getTime()) {
    const left = remainingTime(closesAt - now.getTime());
    const remaining =
      left.unit === "hours" ? t("hoursLeft", { hours: format.number(left.hours) }) : t("minutesLeft", { minutes: format.number(Math.max(1, left.minutes)) });
    return (
      // The time left is read again in the browser, a moment after the server's render.
      <span className="inline-flex items-center gap-1.5 text-xs font-medium text-success" suppressHydrationWarning>
        <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-success" />
        {t("open", { remaining })}
      </span>
    );
  }
  if (!contact.lastInboundAt) return <span className="text-xs text-muted-foreground">{t("never")}</span>;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
      <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-muted-foreground/40" />
      {t("closed")}
    </span>
  );
}

/** A custom attribute's value, as its type reads: yes/no, a number, a calendar day, text. */
export function AttributeCell({ definition, value }: { definition: AttributeDefinitionView; value: AttributeValue | undefined }) {
  const t = useTranslations("contacts.table");
  const format = useFormatter();
  if (value === undefined || value === "") return <span className="text-muted-foreground" aria-hidden="true">—</span>;
  if (definition.type === "boolean" || typeof value === "boolean") return <>{value === true ? t("yes") : t("no")}</>;
  if (definition.type === "number" && typeof value === "number") return <span className="tabular-nums">{format.number(value)}</span>;
  if (definition.type === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // A calendar day, not a moment: read in UTC so no time zone moves it to the day before.
    return <time dateTime={value}>{format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })}</time>;
  }
  return (
    <span dir="auto" className="block truncate">
      {String(value)}
    </span>
  );
}
