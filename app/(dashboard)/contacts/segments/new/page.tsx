import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { SegmentBuilderPage } from "../segment-builder-page";
import { requirePageAccess } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts.segments.builder");
  return { title: t("newTitle") };
}

/** A new segment: only those who manage contacts make segments. */
export default async function NewSegmentPage() {
  await requirePageAccess("contacts.manage");
  return <SegmentBuilderPage canManage />;
}
