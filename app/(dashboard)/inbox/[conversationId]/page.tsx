import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { ConversationPane } from "@/components/inbox/conversation-pane";
import { getDb } from "@/db";
import { findVisibleConversation } from "@/lib/auth/connection-access";
import { requirePageAccess } from "@/lib/auth/session";

import { CONVERSATION_NAMESPACES } from "../client-namespaces";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inbox");
  return { title: t("conversationTitle") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function Page({ params }: PageProps<"/inbox/[conversationId]">) {
  const user = await requirePageAccess("inbox.use");
  const { conversationId } = await params;
  if (!UUID.test(conversationId)) notFound();
  // A conversation on a number outside the user's connections is the not-found page, like a missing one.
  if (!(await findVisibleConversation(await getDb(), user.connections, conversationId))) notFound();
  // The pane's messages come with it: the inbox's frame hands out only what its list uses.
  return (
    <ClientMessages namespaces={CONVERSATION_NAMESPACES}>
      <ConversationPane key={conversationId} conversationId={conversationId} />
    </ClientMessages>
  );
}
