import type { InboxMessage } from "@/lib/inbox/views";

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** The words of one version of a message: its text, or its caption. */
export function versionText(type: string, content: Json): string {
  const part = record(content[type]);
  return text(part.body) || text(part.caption);
}

export interface EarlierVersion {
  /** When this version was written: the message's time, or the edit that made it. */
  writtenAt: string;
  text: string;
}

/**
 * What an edited message said before, oldest first, each with when it was written. Each revision is
 * the version an edit (or a deletion) replaced, stamped with that edit's time. A deletion keeps the
 * last version in `revisions` too; that one is what the message still holds, so it is left out.
 */
export function earlierVersions(message: Pick<InboxMessage, "type" | "content" | "sentAt" | "revisions" | "revokedAt">): EarlierVersion[] {
  const current = versionText(message.type, message.content);
  const revokedAt = message.revokedAt ? Date.parse(message.revokedAt) : undefined;
  const replaced = [...(message.revisions ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return replaced
    .map((revision, index) => ({
      writtenAt: index === 0 ? message.sentAt : replaced[index - 1]!.at,
      text: versionText(message.type, record(revision.content)),
      deletion: revokedAt !== undefined && Date.parse(revision.at) === revokedAt,
    }))
    .filter((version) => !(version.deletion && version.text === current))
    .map((version) => ({ writtenAt: version.writtenAt, text: version.text }));
}

/** The new text of an edit whose message is not in the inbox (`content.edit.message`). */
export function orphanEditText(content: Json): string {
  const edited = record(record(content.edit).message);
  const type = text(edited.type);
  return text(record(edited.text).body) || (type ? versionText(type, edited) : "");
}
