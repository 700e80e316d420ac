import { Inbox } from "lucide-react";
import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Inbox" };

export default async function Page() {
  await requirePageAccess("inbox.use");
  return (
    <NotBuiltYet
      title="Inbox"
      icon={Inbox}
      description="Conversations with your customers."
      coming="The inbox is being built: conversations, replies and the 24-hour window will appear here."
    />
  );
}
