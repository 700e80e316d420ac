"use client";

import { serviceWindowHistory } from "@/lib/whatsapp/service-window";

import { formatCustomerNumber } from "./conversation-list";
import type { ConversationView } from "./types";
import { useNow } from "./use-now";
import { formatWindowDate } from "./window-indicator";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5 text-sm">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

const longDate = (iso: string | Date) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** Who the customer is and how much they have talked with the business. */
export function CustomerPanel({ conversation }: { conversation: ConversationView }) {
  const history = serviceWindowHistory(conversation.customer.recentInboundAt).slice(0, 6);
  const now = useNow(60_000).getTime();
  return (
    <aside aria-label="Customer" className="h-full space-y-5 overflow-y-auto p-4">
      <div>
        <div className="mb-3 flex size-12 items-center justify-center rounded-full bg-primary/10 text-lg font-semibold text-primary" aria-hidden="true">
          {(conversation.customerName ?? conversation.waId).slice(0, 1).toUpperCase()}
        </div>
        <h2 className="text-base font-semibold">{conversation.customerName ?? formatCustomerNumber(conversation.waId)}</h2>
        <p className="text-sm text-muted-foreground tabular-nums">{formatCustomerNumber(conversation.waId)}</p>
      </div>
      <dl className="divide-y">
        <Row term="First contact">{conversation.customer.firstContactAt ? longDate(conversation.customer.firstContactAt) : "—"}</Row>
        <Row term="Conversations">
          {conversation.customer.conversations.total} ({conversation.customer.conversations.open} open)
        </Row>
        <Row term="Messages from them">{conversation.customer.messages.inbound}</Row>
        <Row term="Messages to them">{conversation.customer.messages.outbound}</Row>
        <Row term="Business number">{conversation.phoneNumber.displayPhoneNumber ?? conversation.phoneNumber.id}</Row>
        {conversation.referralExpiresAt && new Date(conversation.referralExpiresAt).getTime() > now ? (
          <Row term="Came from an ad">free entry until {formatWindowDate(new Date(conversation.referralExpiresAt))}</Row>
        ) : null}
      </dl>
      <section aria-labelledby="window-history-title">
        <h3 id="window-history-title" className="mb-2 text-sm font-semibold">
          Window history
        </h3>
        {history.length === 0 ? (
          <p className="text-sm text-muted-foreground">The customer has not written yet.</p>
        ) : (
          <ol className="space-y-1.5 text-sm">
            {history.map((span) => {
              const open = span.closesAt.getTime() > now;
              return (
                <li key={span.openedAt.toISOString()} className="flex items-center gap-2">
                  <span className={open ? "size-2 rounded-full bg-success" : "size-2 rounded-full bg-muted-foreground/40"} aria-hidden="true" />
                  <span className="tabular-nums">
                    {formatWindowDate(span.openedAt)} → {open ? `open until ${formatWindowDate(span.closesAt)}` : formatWindowDate(span.closesAt)}
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
