"use client";

import { BellOffIcon } from "lucide-react";

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

const longDate = (iso: string | Date) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** The customer's last word on marketing messages, when they said one. */
function MarketingPreference({ conversation }: { conversation: ConversationView }) {
  const { marketingPreference: preference, marketingPreferenceAt: at } = conversation;
  if (preference !== "stop" && preference !== "resume") return null;
  const when = at ? ` · ${longDate(at)}` : "";
  if (preference === "stop") {
    return (
      <p className="mt-2 flex items-center gap-1.5 rounded-md bg-warning/10 px-2 py-1 text-xs text-warning">
        <BellOffIcon className="size-3.5 shrink-0" aria-hidden="true" />
        Stopped marketing messages{when}
      </p>
    );
  }
  return <p className="mt-2 text-xs text-muted-foreground">Resumed marketing messages{when}</p>;
}

/** Who the customer is and how much they have talked with the business. */
export function CustomerPanel({ conversation }: { conversation: ConversationView }) {
  const history = serviceWindowHistory(conversation.customer.recentInboundAt).slice(0, 6);
  const now = useNow(60_000).getTime();
  return (
    <aside aria-label="Customer" className="h-full space-y-5 overflow-y-auto p-4">
      <div>
        <div className="mb-3 flex size-12 items-center justify-center rounded-full bg-primary/10 text-lg font-semibold text-primary" aria-hidden="true">
          {customerInitial(conversation)}
        </div>
        <h2 className="text-base font-semibold break-words">{customerLabel(conversation)}</h2>
        <MarketingPreference conversation={conversation} />
      </div>
      <dl className="divide-y">
        {conversation.customerPhone ? <Row term="Number">
            <span className="tabular-nums">{formatPhone(conversation.customerPhone)}</span>
          </Row> : null}
        {conversation.customerUsername ? <Row term="Username">{formatUsername(conversation.customerUsername)}</Row> : null}
        {conversation.customerUserId ? (
          <Row term="User id">
            <span className="font-mono text-xs font-normal break-all select-all">{conversation.customerUserId}</span>
          </Row>
        ) : null}
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
