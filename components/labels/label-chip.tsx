import * as React from "react";

import { ColourChip } from "@/components/contacts/tags/tag-chip";
import type { ConversationLabel } from "@/lib/inbox/label-views";
import { cn } from "@/lib/utils";

/**
 * A conversation label: the contact tags' colours, but square-cornered with a solid dot, so it is not
 * mistaken for a tag of the customer. The name is the team's own text, shown in its own direction.
 */
export function LabelChip({ label, className, ...props }: Omit<React.ComponentProps<"span">, "children"> & { label: Pick<ConversationLabel, "name" | "color"> }) {
  return (
    <ColourChip
      data-slot="label-chip"
      data-color={label.color}
      colour={label.color}
      name={label.name}
      className={cn("max-w-36 rounded-sm px-1.5 py-px text-[0.7rem] leading-4", className)}
      {...props}
    />
  );
}

/** Up to `max` chips, then "+N" for the rest (its full count said to screen readers). */
export function LabelChips({ labels, max, moreLabel, className }: { labels: ReadonlyArray<Pick<ConversationLabel, "id" | "name" | "color">>; max?: number; moreLabel?: (count: number) => { text: string; label: string }; className?: string }) {
  const shown = max === undefined ? labels : labels.slice(0, max);
  const rest = labels.length - shown.length;
  const more = rest > 0 && moreLabel ? moreLabel(rest) : undefined;
  if (labels.length === 0) return null;
  return (
    <span className={cn("flex min-w-0 items-center gap-1", className)}>
      {shown.map((label) => (
        <LabelChip key={label.id} label={label} />
      ))}
      {more ? (
        <span className="shrink-0 text-[0.7rem] text-muted-foreground tabular-nums" title={labels.slice(shown.length).map((label) => label.name).join(", ")}>
          <span aria-hidden="true">{more.text}</span>
          <span className="sr-only">{more.label}</span>
        </span>
      ) : null}
    </span>
  );
}
