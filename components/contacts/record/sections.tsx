"use client";

import { ArrowUpRightIcon, Loader2Icon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { contactDeletionSummaryAction, deleteContactAction } from "@/lib/actions/contacts";
import type { ContactConversationView, ContactDetail } from "@/lib/contacts/views";
import { formatPhone, formatUsername } from "@/lib/inbox/customer-label";

import { useContactCache } from "../record-api";
import { formatContactPhone } from "./contact-name";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-3 py-1.5 text-sm">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="flex min-w-0 items-center gap-1.5 text-end font-medium">{children}</dd>
    </div>
  );
}

/** How WhatsApp knows the customer: number (with copy), business-scoped user id, @username. */
export function ContactIdentities({ contact }: { contact: Pick<ContactDetail, "phoneNumber" | "userId" | "username" | "profileName"> }) {
  const t = useTranslations("contacts.record.identities");
  return (
    <dl className="divide-y">
      <Row term={t("number")}>
        {contact.phoneNumber ? (
          <>
            <bdi dir="ltr" className="tabular-nums">
              {formatContactPhone(contact.phoneNumber)}
            </bdi>
            <CopyButton value={formatPhone(contact.phoneNumber)} iconOnly label={t("copyNumber")} className="size-7" />
          </>
        ) : (
          <span className="font-normal text-muted-foreground">{t("unknown")}</span>
        )}
      </Row>
      <Row term={t("userId")}>
        {contact.userId ? (
          <span className="font-mono text-xs font-normal break-all select-all">{contact.userId}</span>
        ) : (
          <span className="font-normal text-muted-foreground">{t("unknown")}</span>
        )}
      </Row>
      <Row term={t("username")}>
        {contact.username ? (
          <bdi dir="ltr">{formatUsername(contact.username)}</bdi>
        ) : (
          <span className="font-normal text-muted-foreground">{t("unknown")}</span>
        )}
      </Row>
      <Row term={t("profileName")}>
        {contact.profileName ? (
          <span dir="auto" className="break-words">
            {contact.profileName}
          </span>
        ) : (
          <span className="font-normal text-muted-foreground">{t("unknown")}</span>
        )}
      </Row>
    </dl>
  );
}

/** Each business number the customer talks with: status, assignee, last message, and a link into the inbox. */
export function ContactConversations({ conversations }: { conversations: ContactConversationView[] }) {
  const t = useTranslations("contacts.record.conversations");
  if (conversations.length === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  return (
    <ul className="divide-y">
      {conversations.map((conversation) => (
        <li key={conversation.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
          <div className="min-w-0 flex-1">
            <p className="font-medium">
              {t.rich("on", { number: conversation.businessNumber, bdi: (chunks) => <bdi dir="ltr">{chunks}</bdi> })}
            </p>
            <p className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
              <Badge variant={conversation.status === "open" ? "info" : "secondary"}>{t(`status.${conversation.status}`)}</Badge>
              <span dir="auto">{conversation.assignee ? t("assignee", { name: conversation.assignee.name }) : t("unassigned")}</span>
              {conversation.lastMessageAt ? (
                <span>
                  {t("lastMessage")} <RelativeTime iso={conversation.lastMessageAt} />
                </span>
              ) : null}
            </p>
          </div>
          <Button variant="outline" size="sm" asChild>
            <Link href={`/inbox/${conversation.id}`} aria-label={t("openLabel", { number: conversation.businessNumber })}>
              {t("open")}
              <ArrowUpRightIcon className="rtl:-scale-x-100" aria-hidden="true" />
            </Link>
          </Button>
        </li>
      ))}
    </ul>
  );
}

type Summary = { conversations: number; messages: number };

/**
 * "Delete contact" (managers): first asks the server what the deletion keeps, then says what goes (the
 * person's data) and what stays (their conversations, shown as "Deleted contact"); back to the list after.
 */
export function DeleteContactButton({ contact, name }: { contact: Pick<ContactDetail, "id" | "phoneNumber">; name: string }) {
  const t = useTranslations("contacts.record.delete");
  const router = useRouter();
  const cache = useContactCache(contact.id);
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const onOpenChange = async (next: boolean) => {
    setOpen(next);
    setError(undefined);
    if (!next) return;
    setSummary(null);
    const reading = await runAction(contactDeletionSummaryAction({ contactId: contact.id }));
    if (reading.ok) setSummary(reading.data);
    else setError(reading.message);
  };
  const confirm = async () => {
    setPending(true);
    setError(undefined);
    const reading = await runAction(deleteContactAction({ contactId: contact.id }));
    setPending(false);
    if (!reading.ok) {
      setError(reading.message);
      return;
    }
    setOpen(false);
    // Not the record itself: it is gone, and the page is being left.
    cache.refreshOthers();
    toast.success(t("deleted", { name }));
    router.push("/contacts");
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => void onOpenChange(next)}
      trigger={
        <Button variant="outline" size="sm" className="text-destructive hover:text-destructive">
          <Trash2Icon aria-hidden="true" />
          {t("button")}
        </Button>
      }
      title={<span dir="auto">{t("title", { name })}</span>}
      description={
        <>
          <p>
            {t.rich("goes", {
              name,
              number: contact.phoneNumber ? formatContactPhone(contact.phoneNumber) : "—",
              strong: (chunks) => <strong className="font-medium text-foreground">{chunks}</strong>,
              bdi: (chunks) => <bdi>{chunks}</bdi>,
            })}
          </p>
          {summary ? (
            <p>{t("kept", { conversations: summary.conversations, messages: summary.messages })}</p>
          ) : error ? null : (
            <p className="flex items-center gap-2">
              <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />
              {t("counting")}
            </p>
          )}
          <p>{t("cannotUndo")}</p>
        </>
      }
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      destructive
      pending={pending}
      confirmDisabled={summary === null}
      error={error}
      onConfirm={() => void confirm()}
    />
  );
}
