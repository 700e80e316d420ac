import { ArrowLeftIcon, FileTextIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";

import { EmptyState } from "@/components/empty-state";
import { ClientMessages } from "@/components/i18n/client-messages";
import { NoAccountAccess } from "@/components/shell/no-account-access";
import { PageHeader } from "@/components/shell/page-header";
import { TemplateEditor } from "@/components/templates/template-editor";
import { getDb } from "@/db";
import { findTemplate, listTakenTemplateNames } from "@/db/queries/templates";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { requirePageAccess } from "@/lib/auth/session";
import { isGatewayError } from "@/lib/gateway";
import { pickWaba, templateScopeForUser } from "@/lib/templates/accounts";
import { refreshTemplates } from "@/lib/templates/sync";
import { draftFromTemplate, emptyTemplateDraft } from "@/lib/whatsapp/template-draft";
import { unsendableReason } from "@/lib/whatsapp/template-kinds";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("templates.new");
  return { title: t("title") };
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageAccess("templates.manage");
  await connection();
  const t = await getTranslations("templates");
  if (lacksConnectionAccess(user.connections)) return <NoAccountAccess page={t("new.title")} />;
  const params = await searchParams;
  const db = await getDb();
  const scope = await templateScopeForUser(db, user);
  const from = typeof params.from === "string" ? await findTemplate(db, params.from) : undefined;
  // A template the editor cannot hold (a carousel's cards, an offer, a flow) is not copied: the copy would lose them.
  const source = from && scope.wabas.some((waba) => waba.id === from.wabaId) && !unsendableReason(from) ? from : undefined;
  const waba = pickWaba(scope, source?.wabaId ?? (typeof params.waba === "string" ? params.waba : undefined));
  if (!waba) {
    return (
      <div className="p-6">
        <EmptyState icon={FileTextIcon} title={t("new.noAccountTitle")} description={t("new.noAccountDescription")} />
      </div>
    );
  }
  // Fresh names for the "already used in this language" lint; a gateway failure leaves the mirror's.
  await refreshTemplates(db, { wabaId: waba.id, connectionId: waba.connectionId ?? scope.connectionId }).catch((error: unknown) => {
    if (!isGatewayError(error)) throw error;
  });
  // A duplicate starts from the copy under a new name, so it can be submitted as it is.
  const draft = source ? { ...draftFromTemplate(source), name: `${source.name}_copy`.slice(0, 512) } : emptyTemplateDraft();
  return (
    <div className="flex flex-col gap-5 p-4 sm:p-6">
      <Link href="/templates" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4 rtl:-scale-x-100" aria-hidden="true" /> {t("detail.back")}
      </Link>
      <PageHeader
        title={source ? t("new.titleFrom", { name: source.name }) : t("new.title")}
        description={t("new.description", { account: waba.name ?? waba.id })}
      />
      <ClientMessages namespaces={["templates"]}>
        <TemplateEditor mode="create" wabaId={waba.id} initialDraft={draft} taken={await listTakenTemplateNames(db, waba.id)} businessName={waba.name ?? undefined} />
      </ClientMessages>
    </div>
  );
}
