"use client";

import { cva } from "class-variance-authority";
import { UploadCloudIcon } from "lucide-react";
import * as React from "react";

import { cn } from "@/lib/utils";

/** Files dropped on an element: spread `dropProps` on it; `dragging` while files hover over it. */
function useFileDrop(onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = React.useState(false);
  const dropProps = {
    onDragOver: (event: React.DragEvent) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      setDragging(true);
    },
    // Moving over the element's own children fires dragleave too: only leaving it ends the hover.
    onDragLeave: (event: React.DragEvent) => {
      if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setDragging(false);
    },
    onDrop: (event: React.DragEvent) => {
      event.preventDefault();
      setDragging(false);
      onFiles(Array.from(event.dataTransfer.files));
    },
  };
  return { dragging, dropProps };
}

const dropZoneVariants = cva(
  "flex cursor-pointer rounded-lg border border-dashed transition-colors hover:bg-accent/40 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring has-[:focus-visible]:ring-offset-2 has-[:focus-visible]:ring-offset-background data-[dragging]:border-primary data-[dragging]:bg-primary/5",
  {
    variants: {
      layout: {
        /** A page's own upload area: icon above, centred. */
        panel: "flex-col items-center justify-center gap-1 rounded-xl bg-card px-6 py-6 text-center",
        /** Inside a form: icon beside the text. */
        inline: "items-center gap-3 px-3 py-3",
      },
    },
    defaultVariants: { layout: "inline" },
  },
);

/**
 * Where files are dropped or chosen: a label around a hidden file input, so a click, the keyboard and a
 * drag all lead to `onFiles` (one file unless `multiple`), after the same checks by the caller.
 */
export function DropZone({
  title,
  description,
  inputLabel,
  accept,
  multiple = false,
  layout,
  inputRef,
  onFiles,
  className,
}: {
  /** The visible call to action ("Drop files here, or click to choose"). */
  title: React.ReactNode;
  /** What is accepted (types, sizes); also describes the input to screen readers. */
  description?: React.ReactNode;
  /** The file input's accessible name. */
  inputLabel: string;
  accept?: string;
  multiple?: boolean;
  layout?: "panel" | "inline";
  /** Lets a button elsewhere open the file chooser (`inputRef.current.click()`). */
  inputRef?: React.Ref<HTMLInputElement>;
  onFiles: (files: File[]) => void;
  className?: string;
}) {
  const descriptionId = React.useId();
  const take = (files: File[]) => {
    const picked = multiple ? files : files.slice(0, 1);
    if (picked.length > 0) onFiles(picked);
  };
  const { dragging, dropProps } = useFileDrop(take);
  const panel = layout === "panel";
  return (
    <label {...dropProps} data-slot="drop-zone" data-dragging={dragging || undefined} className={cn(dropZoneVariants({ layout }), className)}>
      <UploadCloudIcon className={cn("shrink-0 text-muted-foreground", panel ? "mb-1 size-6" : "size-5")} aria-hidden="true" />
      <span className={cn("min-w-0", panel && "contents")}>
        <span className="block text-sm font-medium">{title}</span>
        {description ? (
          <span id={descriptionId} className={cn("block text-xs text-muted-foreground", panel && "max-w-xl")}>
            {description}
          </span>
        ) : null}
      </span>
      <input
        ref={inputRef}
        type="file"
        multiple={multiple}
        accept={accept}
        aria-label={inputLabel}
        aria-describedby={description ? descriptionId : undefined}
        className="sr-only"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so that choosing the same file again fires a change.
          event.target.value = "";
          take(files);
        }}
      />
    </label>
  );
}
