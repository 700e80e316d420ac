import { BookOpenIcon, KeyRoundIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { ApiTokensTable } from "@/components/api-tokens/api-tokens-table";
import { CreateTokenDialog } from "@/components/api-tokens/create-token-dialog";
import { EmptyState } from "@/components/empty-state";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { listApiTokensFor } from "@/lib/api-tokens/service";
import { apiTokenListItem } from "@/lib/api-tokens/views";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { cn } from "@/lib/utils";

const PAGE_PATH = "/settings/api-tokens";
const API_REFERENCE = "/docs/api";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiTokens");
  return { title: t("title") };
}

function ScopeLink({ href, current, children }: { href: string; current: boolean; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={cn(
        "rounded-md px-2.5 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring",
        current ? "bg-secondary font-medium text-secondary-foreground" : "text-muted-foreground hover:bg-muted hover:text-foreground",
      )}
    >
      {children}
    </Link>
  );
}

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePageAccess("apiTokens.use");
  const t = await getTranslations("apiTokens");
  // Admins choose between their own tokens and everyone's; others only ever see their own.
  const mayListEveryone = can(me.role, "apiTokens.manageAll");
  const everyone = mayListEveryone && (await searchParams).show === "everyone";
  const tokens = (await listApiTokensFor(await getDb(), me, everyone ? "everyone" : "mine")).map(apiTokenListItem);
  const reference = (
    <Button variant="outline" asChild>
      <Link href={API_REFERENCE}>
        <BookOpenIcon aria-hidden="true" />
        {t("empty.reference")}
      </Link>
    </Button>
  );

  return (
    <ClientMessages namespaces={["apiTokens"]}>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
        <PageHeader
          title={t("title")}
          description={
            <>
              {t("description")}{" "}
              <Link href={API_REFERENCE} className="font-medium text-foreground underline underline-offset-2">
                {t("apiReference")}
              </Link>
            </>
          }
          actions={<CreateTokenDialog />}
        />
        {mayListEveryone ? (
          <nav aria-label={t("scope.label")} className="flex items-center gap-1">
            <ScopeLink href={PAGE_PATH} current={!everyone}>
              {t("scope.mine")}
            </ScopeLink>
            <ScopeLink href={`${PAGE_PATH}?show=everyone`} current={everyone}>
              {t("scope.everyone")}
            </ScopeLink>
          </nav>
        ) : null}
        {tokens.length === 0 ? (
          everyone ? (
            <EmptyState icon={KeyRoundIcon} title={t("empty.everyoneTitle")} description={t("empty.everyoneDescription")} />
          ) : (
            <EmptyState icon={KeyRoundIcon} title={t("empty.title")} description={t("empty.description")} action={reference} />
          )
        ) : (
          <ApiTokensTable tokens={tokens} showOwners={everyone} currentUserId={me.id} />
        )}
      </div>
    </ClientMessages>
  );
}
