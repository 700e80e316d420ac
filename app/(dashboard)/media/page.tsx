import { Image } from "lucide-react";
import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Media" };

export default async function Page() {
  await requirePageAccess("media.use");
  return (
    <NotBuiltYet
      title="Media"
      icon={Image}
      description="Images, videos, audio and documents to send."
      coming="The media library is being built: uploads and previews will appear here."
    />
  );
}
