/** What the media library's routes answer, as the browser reads it. Browser-safe. */
import type { MediaKind } from "./rules";

export interface LibraryMediaView {
  id: string;
  kind: MediaKind;
  mimeType: string;
  fileName: string;
  size: number;
  sha256: string;
  uploaderName: string | null;
  uploadedAt: string;
  expiresAt: string;
}

export interface InboundMediaView {
  id: string;
  kind: MediaKind;
  mimeType: string | null;
  fileName: string | null;
  caption: string | null;
  receivedAt: string;
  conversationId: string;
  /** Who sent it: name them with `customerLabel` (lib/inbox/customer-label), never as `+${customerWaId}`. */
  customerName: string | null;
  customerPhone: string | null;
  customerUserId: string | null;
  customerUsername: string | null;
  /** The customer's key (a number or a user id): not for display. */
  customerWaId: string;
}

export interface UploadAnswer {
  media: LibraryMediaView;
  /** True when the same bytes were already in the library for this number: no second upload. */
  reused: boolean;
}

export interface ProblemAnswer {
  error: { message: string; code: string };
}
