"use client";

import { PlusIcon, Trash2Icon } from "lucide-react";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { composedMessageSchema, type ComposedMessage } from "@/lib/actions/inbox.schema";
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

const TITLES: Record<AttachKind, { title: string; description: string }> = {
  media: { title: "Send media", description: "Upload a file, pick one from the media library, or give the media id of an uploaded file." },
  location: { title: "Send a location", description: "The customer gets a map pin." },
  contact: { title: "Send a contact card", description: "The customer can save it to their phone." },
  buttons: { title: "Reply buttons", description: `Up to ${MESSAGE_LIMITS.buttonsMax} buttons the customer taps to answer.` },
  list: { title: "List message", description: `A menu of up to ${MESSAGE_LIMITS.listRowsTotal} options behind one button.` },
  link_button: { title: "Link button", description: "A message with a button that opens a web page." },
  location_request: { title: "Ask for location", description: "The customer gets a “Send location” button to share where they are." },
};

/** Problems by dotted field path, as the shared schema reports them. */
function problemsOf(candidate: unknown): Map<string, string> {
  const result = composedMessageSchema.safeParse(candidate);
  const problems = new Map<string, string>();
  if (!result.success) for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    if (!problems.has(key)) problems.set(key, issue.message);
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
  return (
    <div aria-label="Preview" role="region" className="rounded-lg bg-muted/60 p-3">
      <p className="mb-2 text-xs font-medium text-muted-foreground">Preview</p>
      <div className="ms-auto max-w-sm rounded-lg rounded-se-sm bg-[oklch(0.94_0.05_160)] px-3 py-2 text-sm shadow-xs dark:bg-[oklch(0.33_0.06_165)]">
        <ComposedContent message={candidate} />
      </div>
    </div>
  );
}

function MediaPicker({ phoneNumberId, selectedId, onPick }: { phoneNumberId: string; selectedId: string | undefined; onPick: (media: AttachableMedia) => void }) {
  const library = useMediaLibrary(phoneNumberId, true);
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium">Media library</p>
      {library.isPending ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : library.data && library.data.length > 0 ? (
        <ul className="max-h-44 space-y-1 overflow-y-auto rounded-md border p-1" aria-label="Media library">
          {library.data.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                aria-pressed={selectedId === item.id}
                onClick={() => onPick(item)}
                className={cn("w-full rounded px-2 py-1 text-start text-sm hover:bg-accent", selectedId === item.id && "bg-accent")}
              >
                <span className="font-medium">{item.fileName}</span>
                <span className="ms-2 text-xs text-muted-foreground">
                  {item.kind} · {(item.size / 1024).toFixed(0)} KB
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">The media library of this number is empty. Files uploaded here or in Media appear here.</p>
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
  const { fields, set, setMany, rows, setRows, touched, setTouched } = useDraft(initialFields);
  const [sending, setSending] = React.useState(false);
  const { canUploadMedia } = useInboxContext();
  const uploader = useAttachUpload(phoneNumberId, (media) => setMany(attachFieldsFor(media)));
  // A finished upload stays shown only while it is the file picked to send.
  const upload = uploader.upload.state === "ready" && uploader.upload.media.id !== fields.mediaId ? NO_UPLOAD : uploader.upload;
  const waitingForUpload = kind === "media" && uploadBlocksSending(upload, fields.mediaId ?? "");
  const candidate = candidateOf(kind, fields, rows);
  const problems = problemsOf(candidate);
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
          <DialogTitle>{TITLES[kind].title}</DialogTitle>
          <DialogDescription>
            {kind === "media" && !canUploadMedia ? "Pick a file from the media library, or give the media id of an uploaded file." : TITLES[kind].description}
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
                <p className="text-xs text-muted-foreground">Uploading new files is for marketers and admins: ask one of them to add the file to the media library.</p>
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
                  <Label htmlFor="attach-kind">Kind</Label>
                  <select
                    id="attach-kind"
                    value={fields.mediaKind ?? "image"}
                    onChange={(event) => set("mediaKind")(event.target.value)}
                    className="h-9 w-full rounded-md border border-input bg-transparent px-2 text-sm"
                  >
                    {["image", "video", "audio", "document", "sticker"].map((value) => (
                      <option key={value} value={value}>
                        {value}
                      </option>
                    ))}
                  </select>
                </div>
                <Field id="attach-media-id" label="Media id" value={fields.mediaId ?? ""} onChange={set("mediaId")} problem={problem("mediaId")} showProblem={touched} />
              </div>
              {kindTakesCaption(fields.mediaKind) ? (
                <Field id="attach-caption" label="Caption (optional)" value={fields.caption ?? ""} onChange={set("caption")} max={MESSAGE_LIMITS.caption} problem={problem("caption")} showProblem={touched} />
              ) : null}
              {fields.mediaKind === "document" ? (
                <Field id="attach-filename" label="File name" value={fields.filename ?? ""} onChange={set("filename")} problem={problem("filename")} showProblem={touched} />
              ) : null}
            </>
          ) : null}
          {kind === "location" ? (
            <>
              <div className="grid grid-cols-2 gap-2">
                <Field id="attach-lat" label="Latitude" value={fields.latitude ?? ""} onChange={set("latitude")} placeholder="52.5200" problem={problem("latitude")} showProblem={touched} />
                <Field id="attach-long" label="Longitude" value={fields.longitude ?? ""} onChange={set("longitude")} placeholder="13.4050" problem={problem("longitude")} showProblem={touched} />
              </div>
              <Field id="attach-place" label="Place name (optional)" value={fields.name ?? ""} onChange={set("name")} problem={problem("name")} showProblem={touched} />
              <Field id="attach-address" label="Address (optional)" value={fields.address ?? ""} onChange={set("address")} problem={problem("address")} showProblem={touched} />
            </>
          ) : null}
          {kind === "contact" ? (
            <>
              <Field id="attach-contact-name" label="Full name" value={fields.name ?? ""} onChange={set("name")} problem={problem("contacts.0.name.formatted_name")} showProblem={touched} />
              <Field id="attach-contact-phone" label="Phone (optional)" value={fields.phone ?? ""} onChange={set("phone")} placeholder="+1 555 010 0000" problem={problem("contacts.0.phones.0.phone")} showProblem={touched} />
              <Field id="attach-contact-email" label="Email (optional)" type="email" value={fields.email ?? ""} onChange={set("email")} problem={problem("contacts.0.emails.0.email")} showProblem={touched} />
            </>
          ) : null}
          {kind === "buttons" || kind === "list" ? (
            <>
              <Field id="attach-header" label="Header (optional)" value={fields.header ?? ""} onChange={set("header")} max={MESSAGE_LIMITS.interactiveHeaderText} problem={problem("header")} showProblem={touched} />
              <Field id="attach-body" label="Message text" value={fields.body ?? ""} onChange={set("body")} max={MESSAGE_LIMITS.interactiveBody} problem={problem("body")} showProblem={touched} />
              <Field id="attach-footer" label="Footer (optional)" value={fields.footer ?? ""} onChange={set("footer")} max={MESSAGE_LIMITS.interactiveFooter} problem={problem("footer")} showProblem={touched} />
              {kind === "list" ? (
                <div className="grid grid-cols-2 gap-2">
                  <Field id="attach-list-button" label="List button" value={fields.buttonText ?? ""} onChange={set("buttonText")} max={MESSAGE_LIMITS.listButton} problem={problem("buttonText")} showProblem={touched} placeholder="Choose" />
                  <Field id="attach-section" label="Section title (optional)" value={fields.sectionTitle ?? ""} onChange={set("sectionTitle")} max={MESSAGE_LIMITS.listSectionTitle} problem={problem("sectionTitle")} showProblem={touched} />
                </div>
              ) : null}
              <fieldset className="space-y-2">
                <legend className="mb-1 flex w-full items-baseline justify-between text-sm font-medium">
                  <span>{kind === "buttons" ? "Buttons" : "Rows"}</span>
                  <span className={cn("text-xs font-normal tabular-nums", rows.length > rowLimit ? "text-destructive" : "text-muted-foreground")}>
                    {rows.length} of {rowLimit}
                  </span>
                </legend>
                {rows.map((row, index) => (
                  <div key={index} className="flex items-start gap-2">
                    <div className="flex-1 space-y-1">
                      <Field
                        id={`attach-row-${index}`}
                        label={kind === "buttons" ? `Button ${index + 1}` : `Row ${index + 1} title`}
                        value={row.title}
                        onChange={(value) => setRows((current) => current.map((entry, at) => (at === index ? { ...entry, title: value } : entry)))}
                        max={rowTitleMax}
                        problem={problem(`${kind === "buttons" ? "buttons" : "rows"}.${index}.title`)}
                        showProblem={touched}
                      />
                      {kind === "list" ? (
                        <Field
                          id={`attach-row-${index}-description`}
                          label={`Row ${index + 1} description (optional)`}
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
                      aria-label={`Remove ${kind === "buttons" ? "button" : "row"} ${index + 1}`}
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
                  <PlusIcon aria-hidden="true" /> Add {kind === "buttons" ? "a button" : "a row"}
                </Button>
                {rows.length >= rowLimit ? (
                  <p className="text-xs text-muted-foreground">
                    WhatsApp allows at most {rowLimit} {kind === "buttons" ? "reply buttons" : "rows"}.
                  </p>
                ) : null}
                {rowsProblem && touched ? <p className="text-xs text-destructive">{rowsProblem}</p> : null}
              </fieldset>
            </>
          ) : null}
          {kind === "link_button" ? (
            <>
              <Field id="attach-header" label="Header (optional)" value={fields.header ?? ""} onChange={set("header")} max={MESSAGE_LIMITS.interactiveHeaderText} problem={problem("header")} showProblem={touched} />
              <Field id="attach-body" label="Message text" value={fields.body ?? ""} onChange={set("body")} max={MESSAGE_LIMITS.interactiveBody} problem={problem("body")} showProblem={touched} />
              <Field id="attach-footer" label="Footer (optional)" value={fields.footer ?? ""} onChange={set("footer")} max={MESSAGE_LIMITS.interactiveFooter} problem={problem("footer")} showProblem={touched} />
              <Field
                id="attach-link-label"
                label="Button label"
                value={fields.buttonLabel ?? ""}
                onChange={set("buttonLabel")}
                max={MESSAGE_LIMITS.ctaDisplayText}
                problem={problem("buttonLabel")}
                showProblem={touched}
                placeholder="Track your order"
              />
              <Field
                id="attach-link-url"
                label="Link"
                type="url"
                value={fields.url ?? ""}
                onChange={set("url")}
                problem={problem("url")}
                showProblem={touched || linkLooksWrong(fields.url ?? "")}
                placeholder="https://example.com/orders/4512"
              />
              <Preview candidate={candidate} />
            </>
          ) : null}
          {kind === "location_request" ? (
            <>
              <Field
                id="attach-body"
                label="Message text"
                value={fields.body ?? ""}
                onChange={set("body")}
                max={MESSAGE_LIMITS.interactiveBody}
                problem={problem("body")}
                showProblem={touched}
                placeholder="Where should we deliver?"
              />
              <Preview candidate={candidate} />
            </>
          ) : null}
          {touched && problems.size > 0 ? (
            <p className="text-sm text-destructive">Fix the fields marked above to send.</p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={sending || waitingForUpload}>
              Send
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
