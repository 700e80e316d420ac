"use client";

import * as React from "react";

export interface InboxContextValue {
  userId: string;
  /** Whether the signed-in role may upload files (to the media library, also from the composer). */
  canUploadMedia: boolean;
  /** Whether the signed-in role keeps the list of labels (the label picker then links to it). */
  canManageLabels: boolean;
  searchRef: React.RefObject<HTMLInputElement | null>;
  composerRef: React.RefObject<HTMLTextAreaElement | null>;
  /** Ids of the conversations in the list, in their order (for next/previous). */
  conversationOrder: React.RefObject<string[]>;
  setConversationOrder: (ids: string[]) => void;
  /** Registered by the open conversation: resolve or reopen it (keyboard shortcut). */
  toggleResolvedRef: React.RefObject<(() => void) | null>;
}

export const InboxContext = React.createContext<InboxContextValue | null>(null);

export function useInboxContext(): InboxContextValue {
  const value = React.useContext(InboxContext);
  if (!value) throw new Error("useInboxContext must be used inside the inbox");
  return value;
}
