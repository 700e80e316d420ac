"use client";

import { PlusIcon, Trash2Icon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { useTranslate } from "@/components/i18n/use-translate";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { composedMessageSchema, type ComposedMessage } from "@/lib/actions/inbox.schema";
import { formatFileSize } from "@/lib/i18n/format";
import { translateMessage, type Translate } from "@/lib/i18n/translatable";
import type { InboxMessage } from "@/lib/inbox/views";
import { cn } from "@/lib/utils";
import { characterCount } from "@/lib/whatsapp/formatting";
import { MESSAGE_LIMITS } from "@/lib/whatsapp/messages";

import { useMediaLibrary } from "./api";
import { attachFieldsFor, kindTakesCaption, NO_UPLOAD, uploadBlocksSending, type AttachableMedia } from "./attach-upload";
import { AttachUploadField, useAttachUpload } from "./attach-upload-field";
import type { AttachKind, SendComposed } from "./composer-types";
import { useInboxContext } from "./inbox-context";
import { ComposedContent } from "./message-content";

/** Each dialog's title and description: `conversation.attach.<key>`. */
const DIALOG_KEYS = {
  media: "media",
  location: "location",
  contact: "contact",
  buttons: "buttons",
  list: "list",
  link_button: "linkButton",
  location_request: "locationRequest",
} as const satisfies Record<AttachKind, string>;

/** An example link for the link field: an address, the same in every language. */
const EXAMPLE_LINK = "https://example.com/orders/4512";

/** Problems by dotted field path, as the shared schema reports them, in the reader's words. */
function problemsOf(candidate: unknown, t: Translate): Map<string, string> {
  const result = composedMessageSchema.safeParse(candidate);
  const problems = new Map<string, string>();
  if (!result.success) for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    if (!problems.has(key)) problems.set(key, translateMessage(t, issue.message));
  }
  return problems;
}

function Field({
  id,
  label,
  value,
  onChange,
  max,
  problem,
  placeholder,
  type = "text",
  showProblem,
  dir = "auto",
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  max?: number;
  problem?: string;
  placeholder?: string;
  type?: string;
  showProblem: boolean;
  /** What is typed: words take their own direction; numbers, ids and addresses read left to right. */
  dir?: "auto" | "ltr";
}) {
  const count = characterCount(value);
  const visibleProblem = showProblem || (max !== undefined && count > max) ? problem : undefined;
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {max !== undefined ? (
          <span className={cn("text-xs tabular-nums", count > max ? "text-destructive" : "text-muted-foreground")}>
            {count}/{max}
          </span>
        ) : null}
      </div>
      <Input
        id={id}
        type={type}
        dir={dir}
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={visibleProblem ? true : undefined}
        aria-describedby={visibleProblem ? `${id}-problem` : undefined}
      />
      {visibleProblem ? (
        <p id={`${id}-problem`} className="text-xs text-destructive">
          {visibleProblem}
        </p>
      ) : null}
    </div>
  );
}

/** A link that cannot become https:// by typing on (e.g. "http://…"): said at once, not only on send. */
function linkLooksWrong(value: string): boolean {
  const typed = value.trim().toLowerCase();
  return typed.length > 0 && !"https://".startsWith(typed) && !typed.startsWith("https://");
}

interface Row {
  title: string;
  description: string;
}

function useDraft(initialFields?: Record<string, string>) {
  const [fields, setFields] = React.useState<Record<string, string>>(() => initialFields ?? {});
  const [rows, setRows] = React.useState<Row[]>([{ title: "", description: "" }]);
  const [touched, setTouched] = React.useState(false);
  const set = (key: string) => (value: string) => setFields((current) => ({ ...current, [key]: value }));
  const setMany = (values: Record<string, string>) => setFields((current) => ({ ...current, ...values }));
  return { fields, set, setMany, rows, setRows, touched, setTouched };
}

function candidateOf(kind: AttachKind, fields: Record<string, string>, rows: Row[]): ComposedMessage {
  const f = (key: string) => fields[key] ?? "";
  switch (kind) {
    case "media":
      return { kind: "media", mediaKind: (f("mediaKind") || "image") as "image", mediaId: f("mediaId").trim(), caption: f("caption"), filename: f("filename") };
    case "location":
      return {
        kind: "location",
        latitude: f("latitude").trim() === "" ? Number.NaN : Number(f("latitude")),
        longitude: f("longitude").trim() === "" ? Number.NaN : Number(f("longitude")),
        name: f("name"),
        address: f("address"),
      };
    case "contact":
      return {
        kind: "contacts",
        contacts: [
          {
            name: { formatted_name: f("name").trim() },
            ...(f("phone").trim() ? { phones: [{ phone: f("phone").trim(), type: "CELL" }] } : {}),
            ...(f("email").trim() ? { emails: [{ email: f("email").trim(), type: "WORK" }] } : {}),
          },
        ],
      };
    case "buttons":
      return {
        kind: "buttons",
        body: f("body"),
        header: f("header"),
        footer: f("footer"),
        buttons: rows.map((row, index) => ({ id: `button-${index + 1}`, title: row.title })),
      };
    case "list":
      return {
        kind: "list",
        body: f("body"),
        header: f("header"),
        footer: f("footer"),
        buttonText: f("buttonText"),
        sectionTitle: f("sectionTitle"),
        rows: rows.map((row, index) => ({ id: `row-${index + 1}`, title: row.title, description: row.description })),
      };
    case "link_button":
      return { kind: "link_button", body: f("body"), header: f("header"), footer: f("footer"), buttonLabel: f("buttonLabel"), url: f("url") };
    case "location_request":
      return { kind: "location_request", body: f("body") };
  }
}

/** The message as the customer will see it, updated as the agent types. */
function Preview({ candidate }: { candidate: ComposedMessage }) {
  const t = useTranslations("conversation.attach");
  return (
    <div aria-label={t("preview")} role="region" className="rounded-lg bg-muted/60 p-3">
      <p className="mb-2 text-xs font-medium text-muted-foreground">{t("preview")}</p>
      <div className="ms-auto max-w-sm rounded-lg rounded-se-sm bg-[oklch(0.94_0.05_160)] px-3 py-2 text-sm shadow-xs dark:bg-[oklch(0.33_0.06_165)]">
        <ComposedContent message={candidate} />
      </div>
    </div>
  );
}

function MediaPicker({ phoneNumberId, selectedId, onPick }: { phoneNumberId: string; selectedId: string | undefined; onPick: (media: AttachableMedia) => void }) {
  const t = useTranslations("conversation.attach");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const library = useMediaLibrary(phoneNumberId, true);
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium">{t("mediaLibrary")}</p>
      {library.isPending ? (
        <p className="text-sm text-muted-foreground">{tCommon("loading")}</p>
      ) : library.data && library.data.length > 0 ? (
        <ul className="max-h-44 space-y-1 overflow-y-auto rounded-md border p-1" aria-label={t("mediaLibrary")}>
          {library.data.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                aria-pressed={selectedId === item.id}
                onClick={() => onPick(item)}
                className={cn("w-full rounded px-2 py-1 text-start text-sm hover:bg-accent", selectedId === item.id && "bg-accent")}
              >
                <span dir="auto" className="font-medium">
                  {item.fileName}
                </span>
                <span className="ms-2 text-xs text-muted-foreground">
                  {t("libraryItem", { kind: t("mediaKind", { kind: item.kind }), size: formatFileSize(format, item.size) })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">{t("libraryEmpty")}</p>
      )}
    </div>
  );
}

interface AttachDialogProps {
  kind: AttachKind | null;
  onClose: () => void;
  onSend: SendComposed;
  replyTo: InboxMessage | null;
  phoneNumberId: string;
  /** Prefilled fields, e.g. a file picked in the media library (`mediaId`, `mediaKind`, `filename`). */
  initialFields?: Record<string, string>;
}

/** The composer's dialogs for everything but text and templates, with WhatsApp's limits checked as you type. */
export function AttachDialog(props: AttachDialogProps) {
  // Keyed by kind: each dialog starts with an empty draft.
  return props.kind ? <AttachDialogBody key={props.kind} {...props} kind={props.kind} /> : null;
}

function AttachDialogBody({ kind, onClose, onSend, replyTo, phoneNumberId, initialFields }: AttachDialogProps & { kind: AttachKind }) {
  const t = useTranslations("conversation.attach");
  const tCommon = useTranslations("common");
  // The schema's problems are catalog messages of any namespace (conversation.problems, validation).
  const translate = useTranslate();
  const { fields, set, setMany, rows, setRows, touched, setTouched } = useDraft(initialFields);
  const [sending, setSending] = React.useState(false);
  const { canUploadMedia } = useInboxContext();
  const uploader = useAttachUpload(phoneNumberId, (media) => setMany(attachFieldsFor(media)));
  // A finished upload stays shown only while it is the file picked to send.
  const upload = uploader.upload.state === "ready" && uploader.upload.media.id !== fields.mediaId ? NO_UPLOAD : uploader.upload;
  const waitingForUpload = kind === "media" && uploadBlocksSending(upload, fields.mediaId ?? "");
  const candidate = candidateOf(kind, fields, rows);
  const problems = problemsOf(candidate, translate);
  const problem = (path: string) => problems.get(path);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problems.size > 0 || sending || waitingForUpload) return;
    setSending(true);
    try {
      if (await onSend(candidate, { replyTo })) onClose();
    } finally {
      setSending(false);
    }
  };
  const rowLimit = kind === "buttons" ? MESSAGE_LIMITS.buttonsMax : MESSAGE_LIMITS.listRowsTotal;
  const rowTitleMax = kind === "buttons" ? MESSAGE_LIMITS.buttonTitle : MESSAGE_LIMITS.listRowTitle;
  const rowsProblem = problem(kind === "buttons" ? "buttons" : "rows");

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{t(`${DIALOG_KEYS[kind]}.title`)}</DialogTitle>
          <DialogDescription>
            {kind === "media" && !canUploadMedia
              ? t("media.descriptionNoUpload")
              : kind === "buttons"
                ? t("buttons.description", { maximum: MESSAGE_LIMITS.buttonsMax })
                : kind === "list"
                  ? t("list.description", { maximum: MESSAGE_LIMITS.listRowsTotal })
                  : t(`${DIALOG_KEYS[kind]}.description`)}
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="space-y-3" noValidate>
          {kind === "media" ? (
            <>
              {canUploadMedia ? (
                <AttachUploadField
                  upload={upload}
                  previewUrl={uploader.previewUrl}
                  onPick={(file) => {
                    // The previous pick no longer applies while the new file uploads.
                    setMany({ mediaId: "", filename: "" });
                    uploader.start(file);
                  }}
                  onRemove={() => {
                    if (upload.state === "ready" || upload.state === "uploading") setMany({ mediaId: "", filename: "" });
                    uploader.clear();
                  }}
                />
              ) : (
                <p className="text-xs text-muted-foreground">{t("uploadForMarketers")}</p>
              )}
              <MediaPicker
                phoneNumberId={phoneNumberId}
                selectedId={fields.mediaId}
                onPick={(media) => {
                  uploader.clear();
                  setMany(attachFieldsFor(media));
                }}
              />
              <div className="grid grid-cols-[8rem_1fr] gap-2">
                <div className="space-y-1">
                  <Label htmlFor="attach-kind">{t("kind")}</Label>
                  <select
                    id="attach-kind"
                    value={fields.mediaKind ?? "image"}
                    onChange={(event) => set("mediaKind")(event.target.value)}
                    className="h-9 w-full rounded-md border border-input bg-transparent px-2 text-sm"
                  >
                    {["image", "video", "audio", "document", "sticker"].map((value) => (
                      <option key={value} value={value}>
                        {t("mediaKind", { kind: value })}
                      </option>
                    ))}
                  </select>
                </div>
                <Field id="attach-media-id" label={t("mediaId")} dir="ltr" value={fields.mediaId ?? ""} onChange={set("mediaId")} problem={problem("mediaId")} showProblem={touched} />
              </div>
              {kindTakesCaption(fields.mediaKind) ? (
                <Field id="attach-caption" label={t("caption")} value={fields.caption ?? ""} onChange={set("caption")} max={MESSAGE_LIMITS.caption} problem={problem("caption")} showProblem={touched} />
              ) : null}
              {fields.mediaKind === "document" ? (
                <Field id="attach-filename" label={t("fileName")} value={fields.filename ?? ""} onChange={set("filename")} problem={problem("filename")} showProblem={touched} />
              ) : null}
            </>
          ) : null}
          {kind === "location" ? (
            <>
              <div className="grid grid-cols-2 gap-2">
                <Field id="attach-lat" label={t("latitude")} dir="ltr" value={fields.latitude ?? ""} onChange={set("latitude")} placeholder="52.5200" problem={problem("latitude")} showProblem={touched} />
                <Field id="attach-long" label={t("longitude")} dir="ltr" value={fields.longitude ?? ""} onChange={set("longitude")} placeholder="13.4050" problem={problem("longitude")} showProblem={touched} />
              </div>
              <Field id="attach-place" label={t("placeName")} value={fields.name ?? ""} onChange={set("name")} problem={problem("name")} showProblem={touched} />
              <Field id="attach-address" label={t("address")} value={fields.address ?? ""} onChange={set("address")} problem={problem("address")} showProblem={touched} />
            </>
          ) : null}
          {kind === "contact" ? (
            <>
              <Field id="attach-contact-name" label={t("fullName")} value={fields.name ?? ""} onChange={set("name")} problem={problem("contacts.0.name.formatted_name")} showProblem={touched} />
              <Field id="attach-contact-phone" label={t("phone")} dir="ltr" value={fields.phone ?? ""} onChange={set("phone")} placeholder="+1 555 010 0000" problem={problem("contacts.0.phones.0.phone")} showProblem={touched} />
              <Field id="attach-contact-email" label={t("email")} dir="ltr" type="email" value={fields.email ?? ""} onChange={set("email")} problem={problem("contacts.0.emails.0.email")} showProblem={touched} />
            </>
          ) : null}
          {kind === "buttons" || kind === "list" ? (
            <>
              <Field id="attach-header" label={t("header")} value={fields.header ?? ""} onChange={set("header")} max={MESSAGE_LIMITS.interactiveHeaderText} problem={problem("header")} showProblem={touched} />
              <Field id="attach-body" label={t("body")} value={fields.body ?? ""} onChange={set("body")} max={MESSAGE_LIMITS.interactiveBody} problem={problem("body")} showProblem={touched} />
              <Field id="attach-footer" label={t("footer")} value={fields.footer ?? ""} onChange={set("footer")} max={MESSAGE_LIMITS.interactiveFooter} problem={problem("footer")} showProblem={touched} />
              {kind === "list" ? (
                <div className="grid grid-cols-2 gap-2">
                  <Field id="attach-list-button" label={t("listButton")} value={fields.buttonText ?? ""} onChange={set("buttonText")} max={MESSAGE_LIMITS.listButton} problem={problem("buttonText")} showProblem={touched} placeholder={t("listButtonPlaceholder")} />
                  <Field id="attach-section" label={t("sectionTitle")} value={fields.sectionTitle ?? ""} onChange={set("sectionTitle")} max={MESSAGE_LIMITS.listSectionTitle} problem={problem("sectionTitle")} showProblem={touched} />
                </div>
              ) : null}
              <fieldset className="space-y-2">
                <legend className="mb-1 flex w-full items-baseline justify-between text-sm font-medium">
                  <span>{kind === "buttons" ? t("buttonsHeading") : t("rowsHeading")}</span>
                  <span className={cn("text-xs font-normal tabular-nums", rows.length > rowLimit ? "text-destructive" : "text-muted-foreground")}>
                    {t("count", { count: rows.length, limit: rowLimit })}
                  </span>
                </legend>
                {rows.map((row, index) => (
                  <div key={index} className="flex items-start gap-2">
                    <div className="flex-1 space-y-1">
                      <Field
                        id={`attach-row-${index}`}
                        label={kind === "buttons" ? t("buttonTitle", { number: index + 1 }) : t("rowTitle", { number: index + 1 })}
                        value={row.title}
                        onChange={(value) => setRows((current) => current.map((entry, at) => (at === index ? { ...entry, title: value } : entry)))}
                        max={rowTitleMax}
                        problem={problem(`${kind === "buttons" ? "buttons" : "rows"}.${index}.title`)}
                        showProblem={touched}
                      />
                      {kind === "list" ? (
                        <Field
                          id={`attach-row-${index}-description`}
                          label={t("rowDescription", { number: index + 1 })}
                          value={row.description}
                          onChange={(value) => setRows((current) => current.map((entry, at) => (at === index ? { ...entry, description: value } : entry)))}
                          max={MESSAGE_LIMITS.listRowDescription}
                          problem={problem(`rows.${index}.description`)}
                          showProblem={touched}
                        />
                      ) : null}
                    </div>
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon-sm"
                      className="mt-6"
                      aria-label={kind === "buttons" ? t("removeButton", { number: index + 1 }) : t("removeRow", { number: index + 1 })}
                      disabled={rows.length === 1}
                      onClick={() => setRows((current) => current.filter((_, at) => at !== index))}
                    >
                      <Trash2Icon aria-hidden="true" />
                    </Button>
                  </div>
                ))}
                <Button
                  type="button"
                  variant="outline"
                  size="sm"
                  disabled={rows.length >= rowLimit}
                  onClick={() => setRows((current) => [...current, { title: "", description: "" }])}
                >
                  <PlusIcon aria-hidden="true" /> {kind === "buttons" ? t("addButton") : t("addRow")}
                </Button>
                {rows.length >= rowLimit ? (
                  <p className="text-xs text-muted-foreground">
                    {kind === "buttons" ? t("buttonsLimit", { limit: rowLimit }) : t("rowsLimit", { limit: rowLimit })}
                  </p>
                ) : null}
                {rowsProblem && touched ? <p className="text-xs text-destructive">{rowsProblem}</p> : null}
              </fieldset>
            </>
          ) : null}
          {kind === "link_button" ? (
            <>
              <Field id="attach-header" label={t("header")} value={fields.header ?? ""} onChange={set("header")} max={MESSAGE_LIMITS.interactiveHeaderText} problem={problem("header")} showProblem={touched} />
              <Field id="attach-body" label={t("body")} value={fields.body ?? ""} onChange={set("body")} max={MESSAGE_LIMITS.interactiveBody} problem={problem("body")} showProblem={touched} />
              <Field id="attach-footer" label={t("footer")} value={fields.footer ?? ""} onChange={set("footer")} max={MESSAGE_LIMITS.interactiveFooter} problem={problem("footer")} showProblem={touched} />
              <Field
                id="attach-link-label"
                label={t("buttonLabel")}
                value={fields.buttonLabel ?? ""}
                onChange={set("buttonLabel")}
                max={MESSAGE_LIMITS.ctaDisplayText}
                problem={problem("buttonLabel")}
                showProblem={touched}
                placeholder={t("buttonLabelPlaceholder")}
              />
              <Field
                id="attach-link-url"
                label={t("link")}
                dir="ltr"
                type="url"
                value={fields.url ?? ""}
                onChange={set("url")}
                problem={problem("url")}
                showProblem={touched || linkLooksWrong(fields.url ?? "")}
                placeholder={EXAMPLE_LINK}
              />
              <Preview candidate={candidate} />
            </>
          ) : null}
          {kind === "location_request" ? (
            <>
              <Field
                id="attach-body"
                label={t("body")}
                value={fields.body ?? ""}
                onChange={set("body")}
                max={MESSAGE_LIMITS.interactiveBody}
                problem={problem("body")}
                showProblem={touched}
                placeholder={t("locationRequestPlaceholder")}
              />
              <Preview candidate={candidate} />
            </>
          ) : null}
          {touched && problems.size > 0 ? (
            <p className="text-sm text-destructive">{t("fixFields")}</p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {tCommon("cancel")}
            </Button>
            <Button type="submit" disabled={sending || waitingForUpload}>
              {t("send")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
