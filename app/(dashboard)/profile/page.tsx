import { Building2 } from "lucide-react";
import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Business profile" };

export default async function Page() {
  await requirePageAccess("profile.view");
  return (
    <NotBuiltYet
      title="Business profile"
      icon={Building2}
      description="How customers see your business on WhatsApp."
      coming="The business profile editor and the phone numbers list are being built."
    />
  );
}
