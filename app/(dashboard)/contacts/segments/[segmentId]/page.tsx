import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";

import { SegmentBuilderPage } from "../segment-builder-page";
import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { getSegment } from "@/lib/contacts/segments";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The segment, or nothing when there is no such segment (the title and the page ask once). */
const findSegment = cache(async (segmentId: string) => {
  if (!UUID.test(segmentId)) return null;
  try {
    return (await getSegment(await getDb(), segmentId)) ?? null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ segmentId: string }> }): Promise<Metadata> {
  await requirePageAccess("contacts.view");
  const t = await getTranslations("contacts.segments.builder");
  const segment = await findSegment((await params).segmentId);
  return { title: segment ? t("metaTitle", { name: segment.name }) : t("notFound") };
}

/** A saved segment in the builder: managers change it, everyone else reads it. */
export default async function SegmentPage({ params }: { params: Promise<{ segmentId: string }> }) {
  const user = await requirePageAccess("contacts.view");
  const segment = await findSegment((await params).segmentId);
  if (!segment) notFound();
  return <SegmentBuilderPage segment={segment} canManage={can(user.role, "contacts.manage")} />;
}
