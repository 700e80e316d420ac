import type { CannedLibrary } from "./rules";

/** A canned response as the settings page and the picker read it. */
export interface CannedResponseView {
  id: string;
  library: CannedLibrary;
  shortcut: string;
  body: string;
  /** The attached file, when it is still in the library and on a number of the reader's connections. */
  media: { id: string; phoneNumberId: string; kind: string; mimeType: string; fileName: string; expiresAt: string } | null;
  /** A file was attached but is gone (deleted, or outside the reader's connections). */
  mediaMissing: boolean;
  createdBy: { id: string; name: string } | null;
  updatedAt: string;
  /** Whether the reader may change or delete it (their own; the team's with canned.manageTeam). */
  editable: boolean;
}

/** A response made ready for one conversation: its text with the variables filled. */
export interface CannedPickerOption extends CannedResponseView {
  filled: { text: string; missing: string[] };
  /** The file can be sent in this conversation: same business number, not expired. */
  mediaUsable: boolean;
}

export interface CannedResponseList {
  responses: CannedResponseView[];
}

export interface CannedPickerList {
  responses: CannedPickerOption[];
}
