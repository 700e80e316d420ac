import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { TemplateDetail } from "@/components/templates/template-detail";
import { getDb } from "@/db";
import { findTemplate } from "@/db/queries/templates";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { templateScopeForUser } from "@/lib/templates/accounts";
import { templateListItem } from "@/lib/templates/views";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("templates.detail");
  return { title: t("title") };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageAccess("templates.view");
  await connection();
  const { id } = await params;
  const db = await getDb();
  // Only a template of the user's working connection (always one of theirs); any other is not found.
  const template = await findTemplate(db, id);
  const scope = await templateScopeForUser(db, user);
  const waba = template ? scope.wabas.find((entry) => entry.id === template.wabaId) : undefined;
  if (!template || !waba) notFound();
  return (
    <ClientMessages namespaces={["templates"]}>
      <TemplateDetail initial={templateListItem(template)} canManage={can(user.role, "templates.manage")} businessName={waba.name ?? undefined} />
    </ClientMessages>
  );
}
