import { ScrollText } from "lucide-react";
import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

export default async function Page() {
  await requirePageAccess("audit.view");
  return (
    <NotBuiltYet
      title="Audit log"
      icon={ScrollText}
      description="Who did what, and when."
      coming="The audit log viewer is being built; sign-ins are already recorded."
    />
  );
}
