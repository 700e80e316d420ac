"use client";

import { ArrowLeftIcon, EyeIcon, UserRoundXIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, type ReactNode } from "react";

import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { ContactDetail } from "@/lib/contacts/views";
import { cn } from "@/lib/utils";

import { useContact, useContactFetchErrorText } from "../record-api";
import { ContactAttributes } from "./attributes";
import { ConsentButtons, ConsentHistory, ConsentStatus } from "./consent";
import { contactName } from "./contact-name";
import { DisplayNameEditor } from "./display-name";
import { ContactNotes } from "./notes";
import { ContactConversations, ContactIdentities, DeleteContactButton } from "./sections";
import { ContactTags } from "./tags";
import { RouteError } from "@/components/data/route-json";

/** One card of the record: a titled section (a landmark named by its heading). */
function Section({ title, children, className, action }: { title: string; children: ReactNode; className?: string; action?: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={cn("rounded-xl border bg-card p-4 shadow-xs", className)}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={id} className="text-sm font-semibold">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

function BackToContacts() {
  const t = useTranslations("contacts.record");
  return (
    <Link href="/contacts" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon className="size-4 rtl:-scale-x-100" aria-hidden="true" />
      {t("back")}
    </Link>
  );
}

/** While the record loads (it is prefetched by the page, so only after it was dropped from the cache). */
function RecordSkeleton() {
  return (
    <div className="grid gap-4 lg:grid-cols-3" aria-busy="true">
      <Skeleton className="h-10 w-64 lg:col-span-3" />
      <Skeleton className="h-48 lg:col-span-2" />
      <Skeleton className="h-48" />
    </div>
  );
}

/**
 * A contact's page: who they are (names, numbers), tags, attributes, marketing consent with its
 * history, the team's notes, their conversations, and deletion for managers. Everything is edited in
 * place; read only for those who may not edit (the server refuses anyway).
 */
export function ContactRecord({ contactId }: { contactId: string }) {
  const t = useTranslations("contacts.record");
  const contact = useContact(contactId);
  const errorText = useContactFetchErrorText();

  let body: ReactNode;
  if (contact.isPending) body = <RecordSkeleton />;
  else if (contact.isError) {
    body =
      contact.error instanceof RouteError && contact.error.status === 404 ? (
        <EmptyState
          icon={UserRoundXIcon}
          title={t("gone.title")}
          description={t("gone.description")}
          action={
            <Button variant="outline" asChild>
              <Link href="/contacts">{t("back")}</Link>
            </Button>
          }
        />
      ) : (
        <p role="alert" className="text-sm text-destructive">
          {errorText(contact.error)}
        </p>
      );
  } else body = <RecordBody contact={contact.data} />;

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-5 p-6">
      <BackToContacts />
      {body}
    </div>
  );
}

function RecordBody({ contact }: { contact: ContactDetail }) {
  const t = useTranslations("contacts.record");
  const name = contactName(contact);
  const { edit: canEdit, manage: canManage } = contact.can;
  const [initial] = Array.from(name.replace(/^[@+]/, ""));
  return (
    <>
      <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 items-start gap-3">
          <div className="flex size-12 shrink-0 items-center justify-center rounded-full bg-primary/10 text-lg font-semibold text-primary" aria-hidden="true">
            {(initial ?? "?").toUpperCase()}
          </div>
          <div className="min-w-0 space-y-1">
            <h1 dir="auto" className="text-xl font-semibold tracking-tight break-words">
              {name}
            </h1>
            {contact.profileName && contact.displayName ? (
              <p className="text-sm text-muted-foreground">
                {t.rich("whatsAppName", { name: contact.profileName, bdi: (chunks) => <bdi>{chunks}</bdi> })}
              </p>
            ) : null}
            {canEdit ? <DisplayNameEditor contact={contact} /> : null}
          </div>
        </div>
        {canManage ? <DeleteContactButton contact={contact} name={name} /> : null}
      </header>
      {canEdit ? null : (
        <p className="flex items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
          <EyeIcon className="size-4 shrink-0" aria-hidden="true" />
          {t("readOnly")}
        </p>
      )}
      <div className="grid items-start gap-4 lg:grid-cols-3">
        <div className="grid gap-4 lg:col-span-2">
          <Section title={t("sections.attributes")}>
            <ContactAttributes contactId={contact.id} attributes={contact.attributes} canEdit={canEdit} />
          </Section>
          <Section title={t("sections.notes")}>
            <ContactNotes contactId={contact.id} notes={contact.notes} canEdit={canEdit} />
          </Section>
          <Section title={t("sections.conversations")}>
            <ContactConversations conversations={contact.conversations} />
          </Section>
        </div>
        <div className="grid gap-4">
          <Section title={t("sections.identities")}>
            <ContactIdentities contact={contact} />
          </Section>
          <Section title={t("sections.tags")}>
            <ContactTags contactId={contact.id} contactName={name} tags={contact.tags} canEdit={canEdit} canManage={canManage} />
          </Section>
          <Section title={t("sections.consent")}>
            <div className="space-y-4">
              <ConsentStatus consent={contact.consent} history={contact.consentHistory} />
              {canEdit ? <ConsentButtons contactId={contact.id} contactName={name} consent={contact.consent} /> : null}
              <ConsentHistory history={contact.consentHistory} />
            </div>
          </Section>
        </div>
      </div>
    </>
  );
}
