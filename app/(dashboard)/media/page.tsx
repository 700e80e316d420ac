import { PhoneIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { EmptyState } from "@/components/empty-state";
import { MediaLibrary } from "@/components/media/media-library";
import { NoAccountAccess } from "@/components/shell/no-account-access";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { listLibraryMedia } from "@/db/queries/media";
import type { PhoneNumber } from "@/db/schema";
import { listUsablePhoneNumbers, selectedPhoneNumber } from "@/lib/accounts/selected-phone-number";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { toLibraryView } from "@/lib/media/library";

export const metadata: Metadata = { title: "Media" };

const labelOf = (number: PhoneNumber) =>
  [number.verifiedName, number.displayPhoneNumber].filter(Boolean).join(" · ") || number.id;

export default async function Page() {
  const user = await requirePageAccess("media.use");
  await connection();
  if (lacksConnectionAccess(user.connections)) return <NoAccountAccess page="Media" />;
  const db = await getDb();
  // Only numbers of the user's connections, and the selected one among them.
  const [numbers, selected] = await Promise.all([listUsablePhoneNumbers(db, user.connections), selectedPhoneNumber(db, user)]);
  if (!selected) {
    return (
      <div className="flex flex-1 flex-col gap-5 p-4 sm:p-6">
        <PageHeader title="Media" description="Images, videos, audio, documents and stickers to send from the inbox." />
        <EmptyState
          icon={PhoneIcon}
          title="No phone number yet"
          description="The media library belongs to a WhatsApp phone number. Link an account in Connections to start."
          action={
            can(user.role, "connections.manage") ? (
              <Button asChild>
                <Link href="/connections">Open Connections</Link>
              </Button>
            ) : undefined
          }
        />
      </div>
    );
  }
  const media = (await listLibraryMedia(db, user.connections, selected.id)).map(toLibraryView);
  return (
    <MediaLibrary
      key={selected.id}
      phoneNumber={{ id: selected.id, label: labelOf(selected) }}
      numbers={numbers.map((number) => ({ id: number.id, label: labelOf(number) }))}
      initialMedia={media}
      canManage={can(user.role, "media.manage")}
    />
  );
}
