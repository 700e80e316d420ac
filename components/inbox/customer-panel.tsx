"use client";

import { BellOffIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { customerInitial, customerLabel, formatPhone, formatUsername } from "@/lib/inbox/customer-label";
import type { ConversationView } from "@/lib/inbox/views";
import { serviceWindowHistory } from "@/lib/whatsapp/service-window";

import { useNow } from "./use-now";
import { formatWindowDate } from "./window-indicator";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5 text-sm">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 text-end font-medium">{children}</dd>
    </div>
  );
}

const LONG_DATE = { day: "numeric", month: "short", year: "numeric" } as const;

/** The customer's last word on marketing messages, when they said one. */
function MarketingPreference({ conversation }: { conversation: ConversationView }) {
  const t = useTranslations("inbox.customer");
  const format = useFormatter();
  const { marketingPreference: preference, marketingPreferenceAt: at } = conversation;
  if (preference !== "stop" && preference !== "resume") return null;
  const date = at ? format.dateTime(new Date(at), LONG_DATE) : undefined;
  if (preference === "stop") {
    return (
      <p className="mt-2 flex items-center gap-1.5 rounded-md bg-warning/10 px-2 py-1 text-xs text-warning">
        <BellOffIcon className="size-3.5 shrink-0" aria-hidden="true" />
        {date ? t("stoppedOn", { date }) : t("stopped")}
      </p>
    );
  }
  return <p className="mt-2 text-xs text-muted-foreground">{date ? t("resumedOn", { date }) : t("resumed")}</p>;
}

/** Who the customer is and how much they have talked with the business. */
export function CustomerPanel({ conversation }: { conversation: ConversationView }) {
  const t = useTranslations("inbox.customer");
  const format = useFormatter();
  const history = serviceWindowHistory(conversation.customer.recentInboundAt).slice(0, 6);
  const nowDate = useNow(60_000);
  const now = nowDate.getTime();
  const windowDate = (date: Date) => formatWindowDate(format, date, nowDate);
  return (
    <aside aria-label={t("label")} className="h-full space-y-5 overflow-y-auto p-4">
      <div>
        <div className="mb-3 flex size-12 items-center justify-center rounded-full bg-primary/10 text-lg font-semibold text-primary" aria-hidden="true">
          {customerInitial(conversation)}
        </div>
        <h2 dir="auto" className="text-base font-semibold break-words">
          {customerLabel(conversation)}
        </h2>
        <MarketingPreference conversation={conversation} />
      </div>
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
      <section aria-labelledby="window-history-title">
        <h3 id="window-history-title" className="mb-2 text-sm font-semibold">
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
