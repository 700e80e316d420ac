import type { Metadata } from "next";

import { PageHeader } from "@/components/shell/page-header";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { UsersTable } from "@/components/users/users-table";
import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import { requirePageAccess } from "@/lib/auth/session";
import { managedUserView } from "@/lib/users/views";

export const metadata: Metadata = { title: "Users" };

export default async function Page() {
  const me = await requirePageAccess("users.manage");
  const users = (await listUsers(await getDb())).map(managedUserView);
  const active = users.filter((user) => !user.disabled).length;
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
      <PageHeader
        title="Users"
        description={`People who can sign in, and their roles · ${active} active, ${users.length - active} disabled`}
        actions={<CreateUserDialog />}
      />
      <UsersTable users={users} currentUserId={me.id} />
    </div>
  );
}
