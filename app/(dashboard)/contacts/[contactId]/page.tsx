import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { ContactRecord } from "@/components/contacts/record/contact-record";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { requirePageAccess } from "@/lib/auth/session";
import { listAttributeDefinitions } from "@/lib/contacts/attributes";
import { getContactDetail } from "@/lib/contacts/records";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts.record");
  return { title: t("title") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A contact's page: its record and the attributes' definitions read here, so the first paint has them. */
export default async function ContactPage({ params }: { params: Promise<{ contactId: string }> }) {
  const user = await requirePageAccess("contacts.view");
  const { contactId } = await params;
  if (!UUID.test(contactId)) notFound();
  const db = await getDb();
  // A missing contact and one outside the user's connections are the same not-found page.
  const detail = await getContactDetail(db, user, contactId).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.contacts.detail(contactId), detail);
  queryClient.setQueryData(queryKeys.contacts.attributes(), await listAttributeDefinitions(db));
  return (
    <ClientMessages namespaces={["contacts"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ContactRecord contactId={contactId} />
      </HydrationBoundary>
    </ClientMessages>
  );
}
