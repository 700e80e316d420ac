"use client";

import { ArrowRightIcon, FilterIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";

import { CatalogueHeader, CatalogueStates, DeleteEntryButton } from "@/components/data/catalogue-list";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { deleteSegmentAction } from "@/lib/actions/segments";
import type { SegmentView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { useContactCount, useContactsErrorText, useSegments } from "../api";
import { contactListHref } from "../list/url";

const NO_FILTER = {};

/** A segment's size now, asked for once its row is drawn. */
function SegmentCount({ segmentId }: { segmentId: string }) {
  const t = useTranslations("contacts.segments.list");
  const format = useFormatter();
  const count = useContactCount(NO_FILTER, segmentId);
  if (count.isPending) return <Skeleton className="ms-auto h-4 w-12" />;
  if (count.isError) return <span className="text-muted-foreground">{t("countUnknown")}</span>;
  return <span className="tabular-nums">{format.number(count.data)}</span>;
}

function DeleteSegmentButton({ segment }: { segment: SegmentView }) {
  const t = useTranslations("contacts.segments.list");
  return (
    <DeleteEntryButton
      label={t("delete", { name: segment.name })}
      title={t("deleteTitle", { name: segment.name })}
      description={<p>{t("deleteKeeps")}</p>}
      confirmLabel={t("deleteConfirm")}
      pendingLabel={t("deleting")}
      deleted={t("deleted", { name: segment.name })}
      remove={() => deleteSegmentAction({ segmentId: segment.id })}
      invalidates={queryKeys.contacts.segments()}
    />
  );
}

/** The saved segments: name, who made it, when it changed, its size now; open, see its contacts, delete. */
export function SegmentsList({ canManage }: { canManage: boolean }) {
  const t = useTranslations("contacts.segments.list");
  const errorText = useContactsErrorText();
  const segments = useSegments();
  const newButton = canManage ? (
    <Button asChild>
      <Link href="/contacts/segments/new">
        <PlusIcon aria-hidden="true" />
        {t("new")}
      </Link>
    </Button>
  ) : null;
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-4 px-6 py-6">
      <CatalogueHeader title={t("title")} description={t("description")} action={newButton} />
      <CatalogueStates
        list={segments}
        loadFailed={(error) => t("loadFailed", { error: errorText(error) })}
        empty={<EmptyState icon={FilterIcon} title={t("empty.title")} description={canManage ? t("empty.descriptionManager") : t("empty.description")} action={newButton ?? undefined} />}
      >
        {(entries) => (
          <div className="rounded-md border">
            <Table aria-label={t("label")}>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>{t("columns.name")}</TableHead>
                  <TableHead className="w-44">{t("columns.createdBy")}</TableHead>
                  <TableHead className="w-36">{t("columns.updated")}</TableHead>
                  <TableHead className="w-28 text-end">{t("columns.contacts")}</TableHead>
                  <TableHead className="w-48 text-end">
                    <span className="sr-only">{t("columns.actions")}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {entries.map((segment) => (
                  <TableRow key={segment.id} data-segment-id={segment.id}>
                    <TableCell className="max-w-0">
                      <Link href={`/contacts/segments/${segment.id}`} className="block truncate font-medium underline-offset-4 hover:underline">
                        <bdi dir="auto">{segment.name}</bdi>
                      </Link>
                    </TableCell>
                    <TableCell className="text-muted-foreground">
                      {segment.createdBy ? <bdi dir="auto">{segment.createdBy.name}</bdi> : t("unknownAuthor")}
                    </TableCell>
                    <TableCell>
                      <RelativeTime iso={segment.updatedAt} className="text-muted-foreground" />
                    </TableCell>
                    <TableCell className="text-end">
                      <SegmentCount segmentId={segment.id} />
                    </TableCell>
                    <TableCell className="text-end">
                      <Button asChild variant="ghost" size="sm">
                        <Link href={contactListHref({ filter: {}, segmentId: segment.id, sort: "last_message" })} aria-label={t("seeContactsOf", { name: segment.name })}>
                          {t("seeContacts")}
                          <ArrowRightIcon aria-hidden="true" className="rtl:-scale-x-100" />
                        </Link>
                      </Button>
                      {canManage ? <DeleteSegmentButton segment={segment} /> : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CatalogueStates>
    </div>
  );
}
