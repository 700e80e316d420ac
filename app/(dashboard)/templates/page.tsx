import { FileText } from "lucide-react";
import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Templates" };

export default async function Page() {
  await requirePageAccess("templates.view");
  return (
    <NotBuiltYet
      title="Templates"
      icon={FileText}
      description="Message templates of the selected account."
      coming="The template manager is being built: listing, previews and the editor will appear here."
    />
  );
}
