"use client";

import { ImagesIcon, InboxIcon, LayoutGridIcon, ListIcon, SearchIcon, UploadIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import * as React from "react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input, fieldClassName } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { toast } from "@/components/ui/toast";
import { actionMessage } from "@/lib/action-result";
import { selectMediaNumberAction } from "@/lib/actions/media";
import { formatFileSize } from "@/lib/i18n/format";
import { customerLabel } from "@/lib/inbox/customer-label";
import { MEDIA_KINDS, expiryOf, type MediaKind } from "@/lib/media/rules";
import type { InboundMediaView, LibraryMediaView } from "@/lib/media/types";
import { cn } from "@/lib/utils";

import { useInboundMedia, useLibraryMedia } from "./api";
import { MediaBody, MediaPreviewDialog } from "./media-preview";
import { ExpiryBadge, KIND_ICONS, MediaThumbnail, useMediaDates } from "./media-visuals";
import { UploadPanel, type UploadPanelHandle } from "./upload-panel";

export interface NumberChoice {
  id: string;
  label: string;
}

type View = "grid" | "list";

function useNow(intervalMs = 60_000) {
  const [now, setNow] = React.useState(() => new Date());
  React.useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function MediaLibrary({
  phoneNumber,
  numbers,
  initialMedia,
  canManage,
}: {
  phoneNumber: NumberChoice;
  numbers: NumberChoice[];
  initialMedia: LibraryMediaView[];
  canManage: boolean;
}) {
  const router = useRouter();
  const t = useTranslations("media");
  const uploadRef = React.useRef<UploadPanelHandle>(null);
  const [tab, setTab] = React.useState<"uploaded" | "inbound">("uploaded");
  const [kind, setKind] = React.useState<MediaKind | "all">("all");
  const [q, setQ] = React.useState("");
  const [view, setView] = React.useState<View>("grid");
  const [openId, setOpenId] = React.useState<string | null>(null);
  const [inboundOpen, setInboundOpen] = React.useState<InboundMediaView | null>(null);
  const now = useNow();

  const library = useLibraryMedia(phoneNumber.id, initialMedia);
  const inbound = useInboundMedia(phoneNumber.id, tab === "inbound");
  const switchNumber = useAction(selectMediaNumberAction, {
    onSuccess: () => router.refresh(),
    onError: ({ error }) => toast.error(actionMessage(error, t("library.switchFailed"))),
  });

  const needle = q.trim().toLowerCase();
  const matches = (item: { kind: MediaKind; fileName: string | null; caption?: string | null }) =>
    (kind === "all" || item.kind === kind) &&
    (!needle || (item.fileName ?? "").toLowerCase().includes(needle) || (item.caption ?? "").toLowerCase().includes(needle));
  const visible = (library.data ?? []).filter(matches);
  const visibleInbound = (inbound.data ?? []).filter(matches);
  const opened = openId ? library.data?.find((item) => item.id === openId) : undefined;

  return (
    <div className="flex flex-1 flex-col gap-5 p-4 sm:p-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            {numbers.length > 1 ? (
              <label className="flex items-center gap-2 text-sm">
                <span className="text-muted-foreground">{t("library.phoneNumber")}</span>
                <select
                  className={cn(fieldClassName, "h-9 w-auto px-2.5 py-1 pe-8")}
                  value={phoneNumber.id}
                  disabled={switchNumber.isPending}
                  onChange={(event) => switchNumber.execute({ phoneNumberId: event.target.value })}
                >
                  {numbers.map((number) => (
                    <option key={number.id} value={number.id}>
                      {number.label}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <span className="text-sm text-muted-foreground">{phoneNumber.label}</span>
            )}
            {canManage ? (
              <Button onClick={() => uploadRef.current?.pick()}>
                <UploadIcon aria-hidden="true" /> {t("library.uploadFiles")}
              </Button>
            ) : null}
          </>
        }
      />

      {canManage ? <UploadPanel ref={uploadRef} phoneNumberId={phoneNumber.id} /> : null}

      <Tabs value={tab} onValueChange={(value) => setTab(value as typeof tab)} className="gap-4">
        <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
          <TabsList>
            <TabsTrigger value="uploaded">{library.data ? t("library.uploadedTabCount", { count: library.data.length }) : t("library.uploadedTab")}</TabsTrigger>
            <TabsTrigger value="inbound">{t("library.inboundTab")}</TabsTrigger>
          </TabsList>
          <div className="flex flex-wrap items-center gap-2">
            <div className="relative">
              <SearchIcon className="pointer-events-none absolute top-1/2 start-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
              <Input aria-label={t("library.search")} placeholder={t("library.search")} value={q} onChange={(event) => setQ(event.target.value)} className="w-56 ps-8" />
            </div>
            <select
              aria-label={t("library.kindFilter")}
              className={cn(fieldClassName, "h-9 w-auto px-2.5 py-1 pe-8")}
              value={kind}
              onChange={(event) => setKind(event.target.value as MediaKind | "all")}
            >
              <option value="all">{t("library.allKinds")}</option>
              {MEDIA_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`kindsPlural.${value}`)}
                </option>
              ))}
            </select>
            <div className="flex rounded-md border p-0.5" role="group" aria-label={t("library.layout")}>
              <Button variant="ghost" size="icon-sm" className={cn("size-7", view === "grid" && "bg-accent")} aria-label={t("library.gridView")} aria-pressed={view === "grid"} onClick={() => setView("grid")}>
                <LayoutGridIcon aria-hidden="true" />
              </Button>
              <Button variant="ghost" size="icon-sm" className={cn("size-7", view === "list" && "bg-accent")} aria-label={t("library.listView")} aria-pressed={view === "list"} onClick={() => setView("list")}>
                <ListIcon aria-hidden="true" />
              </Button>
            </div>
          </div>
        </div>

        <TabsContent value="uploaded" className="flex flex-col">
          {library.isError ? (
            <p role="alert" className="text-sm text-destructive">{library.error.message}</p>
          ) : (library.data ?? []).length === 0 ? (
            <EmptyState
              icon={ImagesIcon}
              title={t("library.emptyTitle")}
              description={canManage ? t("library.emptyManage") : t("library.emptyUse")}
            />
          ) : visible.length === 0 ? (
            <p className="py-10 text-center text-sm text-muted-foreground">{t("library.noMatches")}</p>
          ) : view === "grid" ? (
            <ul aria-label={t("library.listLabel")} className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-4">
              {visible.map((item) => (
                <li key={item.id}>
                  <LibraryCard item={item} now={now} onOpen={() => setOpenId(item.id)} />
                </li>
              ))}
            </ul>
          ) : (
            <LibraryTable items={visible} now={now} onOpen={(id) => setOpenId(id)} />
          )}
        </TabsContent>

        <TabsContent value="inbound" className="flex flex-col">
          {inbound.isPending ? (
            <div className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-4">
              {[0, 1, 2, 3].map((index) => (
                <Skeleton key={index} className="aspect-[4/3] rounded-xl" />
              ))}
            </div>
          ) : inbound.isError ? (
            <p role="alert" className="text-sm text-destructive">{inbound.error.message}</p>
          ) : inbound.data.length === 0 ? (
            <EmptyState icon={InboxIcon} title={t("library.inboundEmptyTitle")} description={t("library.inboundEmptyBody")} />
          ) : visibleInbound.length === 0 ? (
            <p className="py-10 text-center text-sm text-muted-foreground">{t("library.noMatches")}</p>
          ) : view === "grid" ? (
            <ul aria-label={t("library.inboundListLabel")} className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-4">
              {visibleInbound.map((item) => (
                <li key={item.id}>
                  <InboundCard item={item} onOpen={() => setInboundOpen(item)} />
                </li>
              ))}
            </ul>
          ) : (
            <InboundTable items={visibleInbound} onOpen={setInboundOpen} />
          )}
        </TabsContent>
      </Tabs>

      {opened ? <MediaPreviewDialog key={opened.id} item={opened} phoneNumberId={phoneNumber.id} canManage={canManage} onClose={() => setOpenId(null)} /> : null}
      {inboundOpen ? <InboundPreviewDialog item={inboundOpen} onClose={() => setInboundOpen(null)} /> : null}
    </div>
  );
}

function LibraryCard({ item, now, onOpen }: { item: LibraryMediaView; now: Date; onOpen: () => void }) {
  const t = useTranslations("media");
  const format = useFormatter();
  const dates = useMediaDates();
  const Icon = KIND_ICONS[item.kind];
  const expired = expiryOf(item.expiresAt, now).state === "expired";
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={t("library.open", { name: item.fileName })}
      className="group flex w-full flex-col overflow-hidden rounded-xl border bg-card text-start shadow-xs transition-shadow hover:shadow-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background focus-visible:outline-none"
    >
      <div className={cn("relative aspect-[4/3] w-full overflow-hidden border-b", expired && "opacity-60 grayscale")}>
        <MediaThumbnail id={item.id} kind={item.kind} />
        <span className="absolute top-2 end-2">
          <ExpiryBadge expiresAt={item.expiresAt} now={now} />
        </span>
      </div>
      <div className="space-y-1 p-3">
        <p dir="auto" className="truncate text-sm font-medium" title={item.fileName}>
          {item.fileName}
        </p>
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <Icon className="size-3.5" aria-hidden="true" />
          {t(`kinds.${item.kind}`)} · {formatFileSize(format, item.size)}
        </p>
        <p className="truncate text-xs text-muted-foreground">
          {dates.date(item.uploadedAt)}
          {item.uploaderName ? (
            <>
              {" · "}
              <bdi>{item.uploaderName}</bdi>
            </>
          ) : null}
        </p>
      </div>
    </button>
  );
}

function LibraryTable({ items, now, onOpen }: { items: LibraryMediaView[]; now: Date; onOpen: (id: string) => void }) {
  const t = useTranslations("media");
  const format = useFormatter();
  const dates = useMediaDates();
  return (
    <div className="overflow-hidden rounded-xl border bg-card">
      <Table aria-label={t("library.listLabel")}>
        <TableHeader>
          <TableRow>
            <TableHead className="w-14"><span className="sr-only">{t("library.columns.thumbnail")}</span></TableHead>
            <TableHead>{t("library.columns.name")}</TableHead>
            <TableHead>{t("library.columns.kind")}</TableHead>
            <TableHead className="text-end">{t("library.columns.size")}</TableHead>
            <TableHead>{t("library.columns.uploadedBy")}</TableHead>
            <TableHead>{t("library.columns.uploaded")}</TableHead>
            <TableHead>{t("library.columns.expiry")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              <TableCell>
                <div className="size-10 overflow-hidden rounded-md border">
                  <MediaThumbnail id={item.id} kind={item.kind} className="[&_svg]:size-5" />
                </div>
              </TableCell>
              <TableCell className="max-w-72">
                <button type="button" dir="auto" onClick={() => onOpen(item.id)} className="truncate font-medium hover:underline" aria-label={t("library.open", { name: item.fileName })}>
                  {item.fileName}
                </button>
              </TableCell>
              <TableCell>{t(`kinds.${item.kind}`)}</TableCell>
              <TableCell className="text-end tabular-nums">{formatFileSize(format, item.size)}</TableCell>
              <TableCell dir="auto">{item.uploaderName ?? "—"}</TableCell>
              <TableCell>{dates.date(item.uploadedAt)}</TableCell>
              <TableCell>
                <ExpiryBadge expiresAt={item.expiresAt} now={now} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Who sent it, as the inbox names them: profile name, else @username, else +number, else user id. */
function useSenderLabel() {
  const common = useTranslations("common");
  return (item: InboundMediaView) => customerLabel({ ...item, waId: item.customerWaId }, common);
}

/** A received file's name: its own, else its caption, else "Image from Ana". */
function useInboundName() {
  const t = useTranslations("media");
  const senderLabel = useSenderLabel();
  return (item: InboundMediaView) => item.fileName ?? item.caption ?? t("library.inboundName", { kind: t(`kinds.${item.kind}`), sender: senderLabel(item) });
}

function InboundCard({ item, onOpen }: { item: InboundMediaView; onOpen: () => void }) {
  const t = useTranslations("media");
  const senderLabel = useSenderLabel();
  const dates = useMediaDates();
  const inboundName = useInboundName();
  const Icon = KIND_ICONS[item.kind];
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={t("library.open", { name: inboundName(item) })}
      className="flex w-full flex-col overflow-hidden rounded-xl border bg-card text-start shadow-xs transition-shadow hover:shadow-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
    >
      <div className="aspect-[4/3] w-full overflow-hidden border-b">
        <MediaThumbnail id={item.id} kind={item.kind} />
      </div>
      <div className="space-y-1 p-3">
        <p dir="auto" className="truncate text-sm font-medium">{inboundName(item)}</p>
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <Icon className="size-3.5" aria-hidden="true" /> {t(`kinds.${item.kind}`)}
        </p>
        <p className="truncate text-xs text-muted-foreground">
          {t("library.inboundFrom", { sender: senderLabel(item) })} · {dates.date(item.receivedAt)}
        </p>
      </div>
    </button>
  );
}

function InboundTable({ items, onOpen }: { items: InboundMediaView[]; onOpen: (item: InboundMediaView) => void }) {
  const t = useTranslations("media");
  const senderLabel = useSenderLabel();
  const dates = useMediaDates();
  const inboundName = useInboundName();
  return (
    <div className="overflow-hidden rounded-xl border bg-card">
      <Table aria-label={t("library.inboundListLabel")}>
        <TableHeader>
          <TableRow>
            <TableHead>{t("library.columns.name")}</TableHead>
            <TableHead>{t("library.columns.kind")}</TableHead>
            <TableHead>{t("library.columns.from")}</TableHead>
            <TableHead>{t("library.columns.received")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              <TableCell className="max-w-72">
                <button type="button" dir="auto" onClick={() => onOpen(item)} className="truncate font-medium hover:underline">
                  {inboundName(item)}
                </button>
              </TableCell>
              <TableCell>{t(`kinds.${item.kind}`)}</TableCell>
              <TableCell dir="auto">{senderLabel(item)}</TableCell>
              <TableCell>{dates.dateTime(item.receivedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function InboundPreviewDialog({ item, onClose }: { item: InboundMediaView; onClose: () => void }) {
  const t = useTranslations("media.library");
  const senderLabel = useSenderLabel();
  const dates = useMediaDates();
  const inboundName = useInboundName();
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[92dvh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle dir="auto" className="truncate pe-6">{inboundName(item)}</DialogTitle>
          <DialogDescription>
            {t("sentBy", { sender: senderLabel(item), date: dates.dateTime(item.receivedAt) })}
          </DialogDescription>
        </DialogHeader>
        <MediaBody id={item.id} kind={item.kind} fileName={inboundName(item)} mimeType={item.mimeType} />
        {item.caption ? (
          <p dir="auto" className="text-sm">
            {t("caption", { caption: item.caption })}
          </p>
        ) : null}
        <div className="flex justify-end border-t pt-4">
          <Button asChild variant="outline">
            <Link href={`/inbox/${item.conversationId}`}>{t("openConversation")}</Link>
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
