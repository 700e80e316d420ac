import type { Metadata } from "next";

import { PageHeader } from "@/components/shell/page-header";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { UsersTable } from "@/components/users/users-table";
import { getDb } from "@/db";
import { requirePageAccess } from "@/lib/auth/session";
import { loadTeam } from "@/lib/users/access";

export const metadata: Metadata = { title: "Users" };

export default async function Page() {
  const me = await requirePageAccess("users.manage");
  const { members, connections } = await loadTeam(await getDb());
  const active = members.filter((user) => !user.disabled).length;
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
      <PageHeader
        title="Users"
        description={`People who can sign in, their roles and the connections they work in · ${active} active, ${members.length - active} disabled`}
        actions={<CreateUserDialog connections={connections} />}
      />
      <UsersTable users={members} connections={connections} currentUserId={me.id} />
    </div>
  );
}
