import { Users } from "lucide-react";
import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Users" };

export default async function Page() {
  await requirePageAccess("users.manage");
  return (
    <NotBuiltYet
      title="Users"
      icon={Users}
      description="People who can sign in, and their roles."
      coming="User administration is being built: inviting users and changing roles will appear here."
    />
  );
}
