import * as React from "react";

import { cn } from "@/lib/utils";
import type { TagChip as TagChipView, TagColour } from "@/lib/contacts/views";

/**
 * Each tag colour as a soft tint with full-strength text (readable in both themes), and as a solid
 * swatch for pickers. Literal class names so Tailwind sees them.
 */
export const TAG_CHIP_CLASSES: Record<TagColour, string> = {
  gray: "border-zinc-300 bg-zinc-100 text-zinc-800 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-200",
  red: "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
  orange: "border-orange-200 bg-orange-50 text-orange-800 dark:border-orange-900 dark:bg-orange-950 dark:text-orange-200",
  amber: "border-amber-200 bg-amber-50 text-amber-800 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200",
  green: "border-green-200 bg-green-50 text-green-800 dark:border-green-900 dark:bg-green-950 dark:text-green-200",
  teal: "border-teal-200 bg-teal-50 text-teal-800 dark:border-teal-900 dark:bg-teal-950 dark:text-teal-200",
  blue: "border-blue-200 bg-blue-50 text-blue-800 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-200",
  violet: "border-violet-200 bg-violet-50 text-violet-800 dark:border-violet-900 dark:bg-violet-950 dark:text-violet-200",
  pink: "border-pink-200 bg-pink-50 text-pink-800 dark:border-pink-900 dark:bg-pink-950 dark:text-pink-200",
};

export const TAG_SWATCH_CLASSES: Record<TagColour, string> = {
  gray: "bg-zinc-500",
  red: "bg-red-500",
  orange: "bg-orange-500",
  amber: "bg-amber-500",
  green: "bg-green-600",
  teal: "bg-teal-500",
  blue: "bg-blue-500",
  violet: "bg-violet-500",
  pink: "bg-pink-500",
};

/** A round dot of a tag's colour (decorative: the tag's name or the colour's label says it in words). */
export function TagSwatch({ colour, className }: { colour: TagColour; className?: string }) {
  return <span aria-hidden="true" className={cn("inline-block size-2 shrink-0 rounded-full", TAG_SWATCH_CLASSES[colour], className)} />;
}

/**
 * A name on its colour's tint, after a swatch: what every coloured chip shares (tags, conversation
 * labels). Each gives its size, then its line height (a later text size replaces it), and its corners.
 * The name is the team's own text, shown in its own direction.
 */
export function ColourChip({
  colour,
  name,
  action,
  swatchClassName,
  className,
  ...props
}: Omit<React.ComponentProps<"span">, "children"> & { colour: TagColour; name: string; action?: React.ReactNode; swatchClassName?: string }) {
  return (
    <span className={cn("inline-flex shrink-0 items-center gap-1 border font-medium whitespace-nowrap", TAG_CHIP_CLASSES[colour], className)} {...props}>
      <TagSwatch colour={colour} className={swatchClassName} />
      <span dir="auto" className="truncate">
        {name}
      </span>
      {action}
    </span>
  );
}

type TagChipProps = Omit<React.ComponentProps<"span">, "children"> & {
  tag: Pick<TagChipView, "name" | "colour">;
  /** Something after the name, e.g. a remove button (give it its own accessible name). */
  action?: React.ReactNode;
};

/** A tag as a small coloured chip; the name is the team's own text, shown in its own direction. */
export function TagChip({ tag, action, className, ...props }: TagChipProps) {
  return (
    <ColourChip
      data-slot="tag-chip"
      data-colour={tag.colour}
      colour={tag.colour}
      name={tag.name}
      action={action}
      swatchClassName="size-1.5"
      className={cn("max-w-48 rounded-full px-2 py-0.5 text-xs leading-4", className)}
      {...props}
    />
  );
}
