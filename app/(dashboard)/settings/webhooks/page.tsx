import { Webhook } from "lucide-react";
import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Webhooks" };

export default async function Page() {
  await requirePageAccess("webhooks.manage");
  return (
    <NotBuiltYet
      title="Webhooks"
      icon={Webhook}
      description="Where WhatsApp delivers messages and statuses."
      coming="Webhook settings and the delivery log are being built."
    />
  );
}
