import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { PageHeader } from "@/components/shell/page-header";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { UsersTable } from "@/components/users/users-table";
import { getDb } from "@/db";
import { requirePageAccess } from "@/lib/auth/session";
import { loadTeam } from "@/lib/users/access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("title") };
}

export default async function Page() {
  const me = await requirePageAccess("users.manage");
  const t = await getTranslations("users");
  const { members, connections } = await loadTeam(await getDb());
  const active = members.filter((user) => !user.disabled).length;
  return (
    // The user forms share the account page's name and password rules (and their messages).
    <ClientMessages namespaces={["users", "account"]}>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
        <PageHeader
          title={t("title")}
          description={t("description", { active, disabled: members.length - active })}
          actions={<CreateUserDialog connections={connections} />}
        />
        <UsersTable users={members} connections={connections} currentUserId={me.id} />
      </div>
    </ClientMessages>
  );
}
