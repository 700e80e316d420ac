"use client";

import { SearchIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import * as React from "react";

import { Input } from "@/components/ui/input";
import type { ConversationLabel } from "@/lib/inbox/label-views";
import { cn } from "@/lib/utils";

import { LabelChip } from "./label-chip";
import { matchingLabels, type LabelCheckState } from "./label-checklist-state";

export type { LabelCheckState };

/**
 * A searchable checklist of labels (the header's picker, the bulk bar's Label menu). Each label is a
 * checkbox named by the label; typing filters, Enter in the search box toggles the first match, the
 * arrow keys move between the boxes. Toggling applies at once (the caller decides how).
 */
export function LabelChecklist({
  labels,
  stateOf,
  onToggle,
  disabled,
  canManage,
}: {
  labels: readonly ConversationLabel[];
  stateOf: (labelId: string) => LabelCheckState;
  onToggle: (label: ConversationLabel, checked: boolean) => void;
  disabled?: boolean;
  /** Offers a link to the labels' settings (marketers and admins). */
  canManage?: boolean;
}) {
  const t = useTranslations("labels.checklist");
  const [search, setSearch] = React.useState("");
  const listRef = React.useRef<HTMLUListElement>(null);
  const shown = matchingLabels(labels, search);

  const toggle = (label: ConversationLabel) => onToggle(label, stateOf(label.id) !== true);
  const focusBox = (index: number) => {
    const boxes = listRef.current?.querySelectorAll<HTMLInputElement>("input[type=checkbox]");
    if (!boxes || boxes.length === 0) return;
    boxes[Math.max(0, Math.min(boxes.length - 1, index))]?.focus();
  };

  return (
    <div className="grid gap-2">
      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 start-2 size-3.5 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
        <Input
          type="search"
          value={search}
          autoFocus
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && shown[0]) {
              event.preventDefault();
              toggle(shown[0]);
            } else if (event.key === "ArrowDown") {
              event.preventDefault();
              focusBox(0);
            }
          }}
          placeholder={t("searchPlaceholder")}
          aria-label={t("search")}
          className="h-8 ps-7 text-sm"
        />
      </div>
      {labels.length === 0 ? (
        <p className="px-1 py-2 text-sm text-muted-foreground">{t("empty")}</p>
      ) : shown.length === 0 ? (
        <p className="px-1 py-2 text-sm text-muted-foreground">{t("noMatch", { search: search.trim() })}</p>
      ) : (
        <ul ref={listRef} aria-label={t("label")} className="grid max-h-64 gap-0.5 overflow-y-auto">
          {shown.map((label, index) => {
            const state = stateOf(label.id);
            return (
              <li key={label.id}>
                <label className={cn("flex cursor-pointer items-center gap-2 rounded-sm px-1.5 py-1 text-sm hover:bg-accent has-[:focus-visible]:bg-accent", disabled && "cursor-default opacity-60")}>
                  <input
                    type="checkbox"
                    className="size-4 accent-primary"
                    checked={state === true}
                    ref={(box) => {
                      if (box) box.indeterminate = state === "mixed";
                    }}
                    aria-checked={state === "mixed" ? "mixed" : state}
                    disabled={disabled}
                    onChange={() => toggle(label)}
                    onKeyDown={(event) => {
                      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                        event.preventDefault();
                        focusBox(index + (event.key === "ArrowDown" ? 1 : -1));
                      } else if (event.key === "Enter") {
                        event.preventDefault();
                        toggle(label);
                      }
                    }}
                    aria-label={label.name}
                  />
                  <LabelChip label={label} className="text-xs" />
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {canManage ? (
        <Link href="/settings/labels" className="px-1 text-xs text-primary underline-offset-4 hover:underline">
          {t("manage")}
        </Link>
      ) : null}
    </div>
  );
}
