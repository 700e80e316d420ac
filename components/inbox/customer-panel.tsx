"use client";

import { ArrowUpRightIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";

import { ContactAttributes } from "@/components/contacts/record/attributes";
import { ConsentButtons, ConsentStatus } from "@/components/contacts/record/consent";
import { contactName } from "@/components/contacts/record/contact-name";
import { DisplayNameEditor } from "@/components/contacts/record/display-name";
import { ContactTags } from "@/components/contacts/record/tags";
import { useContact, useContactFetchErrorText } from "@/components/contacts/record-api";
import { Skeleton } from "@/components/ui/skeleton";
import { customerInitial, customerLabel, formatPhone, formatUsername } from "@/lib/inbox/customer-label";
import type { ConversationView } from "@/lib/inbox/views";
import { queryKeys } from "@/lib/query-keys";
import { serviceWindowHistory } from "@/lib/whatsapp/service-window";

import { useNow } from "./use-now";
import { formatWindowDate } from "./window-indicator";
import { RouteError } from "@/components/data/route-json";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5 text-sm">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 text-end font-medium">{children}</dd>
    </div>
  );
}

const LONG_DATE = { day: "numeric", month: "short", year: "numeric" } as const;

/** A titled part of the panel (a landmark named by its heading). */
function PanelSection({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="mb-2 text-sm font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

/**
 * The customer's marketing consent in words (from the conversation until the contact's record, with
 * its history, has loaded), and the buttons changing it for those who may.
 */
function ContactConsent({ conversation }: { conversation: ConversationView }) {
  const t = useTranslations("contacts.panel");
  const detail = useContact(conversation.contactId).data;
  return (
    <PanelSection title={t("consent")}>
      <ConsentStatus consent={detail?.consent ?? conversation.consent} history={detail?.consentHistory} />
      {detail?.can.edit ? (
        <div className="mt-2">
          <ConsentButtons contactId={detail.id} contactName={contactName(detail)} consent={detail.consent} />
        </div>
      ) : null}
    </PanelSection>
  );
}

/** The customer's tags and attributes, edited in place with the contact page's own components (read only for those who may not edit). */
function ContactParts({ conversation }: { conversation: ConversationView }) {
  const t = useTranslations("contacts.panel");
  const common = useTranslations("common");
  const contact = useContact(conversation.contactId);
  const errorText = useContactFetchErrorText();
  const name = contact.data ? contactName(contact.data) : customerLabel(conversation, common);
  // A deleted customer's conversation has no record left to show.
  if (contact.error instanceof RouteError && contact.error.status === 404) return null;
  return (
    <>
      {contact.isPending ? (
        <div className="space-y-2" aria-busy="true">
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="h-5 w-full" />
        </div>
      ) : contact.isError ? (
        <p className="text-sm text-destructive">{errorText(contact.error)}</p>
      ) : (
        <>
          <PanelSection title={t("tags")}>
            <ContactTags contactId={contact.data.id} contactName={name} tags={contact.data.tags} canEdit={contact.data.can.edit} canManage={contact.data.can.manage} />
          </PanelSection>
          <PanelSection title={t("attributes")}>
            <ContactAttributes contactId={contact.data.id} attributes={contact.data.attributes} canEdit={contact.data.can.edit} />
          </PanelSection>
        </>
      )}
    </>
  );
}

/**
 * Asks the contact's record again when the conversation is assigned or gets a message: replying or
 * taking it is what lets an agent edit the customer (`can.edit`), and the record does not say so by itself.
 */
function useRefreshWhenTalking(conversation: ConversationView) {
  const queryClient = useQueryClient();
  const talk = `${conversation.assigneeId ?? ""}|${conversation.lastMessageAt ?? ""}`;
  const seen = useRef(talk);
  useEffect(() => {
    if (seen.current === talk) return;
    seen.current = talk;
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.detail(conversation.contactId) });
  }, [talk, conversation.contactId, queryClient]);
}

/** Who the customer is and how much they have talked with the business. */
export function CustomerPanel({ conversation }: { conversation: ConversationView }) {
  const t = useTranslations("inbox.customer");
  const format = useFormatter();
  const history = serviceWindowHistory(conversation.customer.recentInboundAt).slice(0, 6);
  const nowDate = useNow(60_000);
  const now = nowDate.getTime();
  const windowDate = (date: Date) => formatWindowDate(format, date, nowDate);
  const tContact = useTranslations("contacts.panel");
  const common = useTranslations("common");
  const contact = useContact(conversation.contactId);
  useRefreshWhenTalking(conversation);
  const editName = contact.data?.can.edit ? contact.data : undefined;
  // A deleted customer's conversation stays; their contact page does not.
  const contactGone = contact.error instanceof RouteError && contact.error.status === 404;
  const historyTitleId = useId();
  return (
    <aside aria-label={t("label")} className="h-full space-y-5 overflow-y-auto p-4">
      <div>
        <div className="mb-3 flex size-12 items-center justify-center rounded-full bg-primary/10 text-lg font-semibold text-primary" aria-hidden="true">
          {customerInitial(conversation, common)}
        </div>
        <h2 dir="auto" className="text-base font-semibold break-words">
          {customerLabel(conversation, common)}
        </h2>
        {editName ? <DisplayNameEditor contact={editName} /> : null}
        {contactGone ? null : (
          <Link
            href={`/contacts/${conversation.contactId}`}
            className="mt-1 flex w-fit items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline"
          >
            {tContact("openContact")}
            <ArrowUpRightIcon className="size-3.5 rtl:-scale-x-100" aria-hidden="true" />
          </Link>
        )}
      </div>
      <ContactConsent conversation={conversation} />
      <dl className="divide-y">
        {conversation.customerPhone ? (
          <Row term={t("number")}>
            <bdi dir="ltr" className="tabular-nums">
              {formatPhone(conversation.customerPhone)}
            </bdi>
          </Row>
        ) : null}
        {conversation.customerUsername ? (
          <Row term={t("username")}>
            <bdi dir="ltr">{formatUsername(conversation.customerUsername)}</bdi>
          </Row>
        ) : null}
        {conversation.customerUserId ? (
          <Row term={t("userId")}>
            <span className="font-mono text-xs font-normal break-all select-all">{conversation.customerUserId}</span>
          </Row>
        ) : null}
        <Row term={t("firstContact")}>
          {conversation.customer.firstContactAt ? format.dateTime(new Date(conversation.customer.firstContactAt), LONG_DATE) : "—"}
        </Row>
        <Row term={t("conversations")}>
          {t("conversationCount", { total: conversation.customer.conversations.total, open: conversation.customer.conversations.open })}
        </Row>
        <Row term={t("messagesFrom")}>{format.number(conversation.customer.messages.inbound)}</Row>
        <Row term={t("messagesTo")}>{format.number(conversation.customer.messages.outbound)}</Row>
        <Row term={t("businessNumber")}>
          <bdi dir="ltr">{conversation.phoneNumber.displayPhoneNumber ?? conversation.phoneNumber.id}</bdi>
        </Row>
        {conversation.referralExpiresAt && new Date(conversation.referralExpiresAt).getTime() > now ? (
          <Row term={t("fromAd")}>{t("freeEntryUntil", { date: windowDate(new Date(conversation.referralExpiresAt)) })}</Row>
        ) : null}
      </dl>
      <ContactParts conversation={conversation} />
      <section aria-labelledby={historyTitleId}>
        <h3 id={historyTitleId} className="mb-2 text-sm font-semibold">
          {t("windowHistory")}
        </h3>
        {history.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("notWrittenYet")}</p>
        ) : (
          <ol className="space-y-1.5 text-sm">
            {history.map((span) => {
              const open = span.closesAt.getTime() > now;
              return (
                <li key={span.openedAt.toISOString()} className="flex items-center gap-2">
                  <span className={open ? "size-2 rounded-full bg-success" : "size-2 rounded-full bg-muted-foreground/40"} aria-hidden="true" />
                  <span className="tabular-nums">
                    {open
                      ? t("spanOpen", { opened: windowDate(span.openedAt), closes: windowDate(span.closesAt) })
                      : t("span", { opened: windowDate(span.openedAt), closed: windowDate(span.closesAt) })}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </aside>
  );
}
