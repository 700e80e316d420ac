"use client";

import { useTranslations } from "next-intl";
import * as React from "react";

import type { InboxAgent } from "@/lib/inbox/views";
import { cn } from "@/lib/utils";

/** A teammate mentioned in a note: shown as "@Name" in the text, sent as their id. */
export interface Mention {
  id: string;
  name: string;
}

/** The "@…" being typed just before the caret (a name may hold spaces: "@Alex Ag"), or undefined. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | undefined {
  const match = /(^|\s)@([^@\n]{0,40})$/.exec(text.slice(0, caret));
  // A space just typed ends the mention ("@Ada Turn " once picked); one inside it ("@Ada T") does not.
  if (!match || /\s$/.test(match[2]!)) return undefined;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Teammates whose name or email starts a word with the query, the signed-in user left out; at most eight. */
export function matchingTeammates(agents: readonly InboxAgent[], query: string, selfId: string): InboxAgent[] {
  const wanted = query.trim().toLocaleLowerCase();
  return agents
    .filter((agent) => agent.id !== selfId)
    .filter((agent) => {
      if (!wanted) return true;
      const name = agent.name.toLocaleLowerCase();
      return name.startsWith(wanted) || name.includes(` ${wanted}`) || agent.email.toLocaleLowerCase().startsWith(wanted);
    })
    .slice(0, 8);
}

/** Mentions whose "@Name" is still in the text: deleting it from the text takes the mention back. */
export function mentionsInText(text: string, mentions: readonly Mention[]): Mention[] {
  const seen = new Set<string>();
  return mentions.filter((mention) => {
    if (seen.has(mention.id) || !text.includes(`@${mention.name}`)) return false;
    seen.add(mention.id);
    return true;
  });
}

/**
 * The teammate list under a note's "@": a listbox the composer's textarea controls (combobox
 * pattern): arrows move, Enter or Tab picks, Escape closes. Options are picked with the mouse too.
 */
export function MentionPicker({
  id,
  teammates,
  activeIndex,
  onPick,
  onHover,
}: {
  id: string;
  teammates: InboxAgent[];
  activeIndex: number;
  onPick: (teammate: InboxAgent) => void;
  onHover: (index: number) => void;
}) {
  const t = useTranslations("notes.mentions");
  return (
    <div className="absolute bottom-full start-0 z-20 mb-1 w-64 rounded-md border bg-popover p-1 text-popover-foreground shadow-md">
      {teammates.length === 0 ? (
        <p className="px-2 py-1.5 text-xs text-muted-foreground">{t("noMatch")}</p>
      ) : (
        <ul id={id} role="listbox" aria-label={t("listLabel")}>
          {teammates.map((teammate, index) => (
            <li
              key={teammate.id}
              id={`${id}-${teammate.id}`}
              role="option"
              aria-selected={index === activeIndex}
              className={cn("flex cursor-pointer flex-col rounded-sm px-2 py-1 text-sm", index === activeIndex && "bg-accent text-accent-foreground")}
              // Keeps the textarea focused: the pick happens on click without a blur in between.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => onHover(index)}
              onClick={() => onPick(teammate)}
            >
              <span dir="auto" className="truncate font-medium">
                {teammate.name}
              </span>
              <span className="truncate text-xs text-muted-foreground">
                <bdi dir="ltr">{teammate.email}</bdi>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
