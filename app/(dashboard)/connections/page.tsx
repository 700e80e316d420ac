import { Link2 } from "lucide-react";
import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Connections" };

export default async function Page() {
  await requirePageAccess("connections.manage");
  return (
    <NotBuiltYet
      title="Connections"
      icon={Link2}
      description="WhatsApp Business accounts linked through Maton."
      coming="Linking accounts through Maton is being built: connections and their numbers will appear here."
    />
  );
}
