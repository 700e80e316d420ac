"use client";

import { useEffect } from "react";

import { titleWithCount } from "./should-notify";
import { useInboxCounts } from "./use-inbox-counts";

/**
 * Puts the reader's unread conversations in front of the tab's title ("(3) Inbox"), and keeps it there
 * when a page changes the title; back to the plain title at 0. Renders nothing.
 */
export function TabTitle() {
  const count = useInboxCounts().data?.unreadConversations ?? 0;
  useEffect(() => {
    const apply = () => {
      const wanted = titleWithCount(document.title, count);
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next replaces the <title> on navigation: put the count back each time.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = titleWithCount(document.title, 0);
    };
  }, [count]);
  return null;
}
