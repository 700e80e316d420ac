"use client";

import { ChevronDownIcon, SearchIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { cn } from "@/lib/utils";

export interface CheckboxOption {
  value: string;
  label: React.ReactNode;
  /** What the box's search matches (the option's name); options without it are always shown. */
  text?: string;
}

/** Over this many options, the popover gets a search box. */
const SEARCH_FROM = 8;

/**
 * A button opening a list of checkboxes (tags, consent states…): the toolbar's "any of" filters, the
 * segment builder's tag pickers, the bulk "Tag…" menu (with `footer` holding its Apply button).
 */
export function CheckboxPopover({
  label,
  buttonText,
  options,
  selected,
  onChange,
  emptyText,
  footer,
  open,
  onOpenChange,
  className,
  disabled,
}: {
  /** The group's name (the popover's accessible name and the button's, with the count). */
  label: string;
  /** What the button shows; the label unless given. */
  buttonText?: React.ReactNode;
  options: readonly CheckboxOption[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** Shown when there are no options at all. */
  emptyText: React.ReactNode;
  footer?: React.ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  className?: string;
  disabled?: boolean;
}) {
  const t = useTranslations("contacts.filters");
  const id = React.useId();
  const [search, setSearch] = React.useState("");
  const needle = search.trim().toLocaleLowerCase();
  const shown = needle ? options.filter((option) => option.text === undefined || option.text.toLocaleLowerCase().includes(needle)) : options;
  const count = selected.length;
  return (
    <Popover open={open} onOpenChange={onOpenChange}>
      <PopoverTrigger asChild>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={disabled}
          aria-label={count > 0 ? t("selectedCount", { label, count }) : label}
          className={cn(count > 0 && "border-primary/50 bg-primary/5", className)}
        >
          {buttonText ?? label}
          {count > 0 ? (
            <span aria-hidden="true" className="rounded-full bg-primary px-1.5 text-[0.7rem] leading-4 font-semibold text-primary-foreground tabular-nums">
              {count}
            </span>
          ) : null}
          <ChevronDownIcon aria-hidden="true" className="text-muted-foreground" />
        </Button>
      </PopoverTrigger>
      <PopoverContent align="start" className="w-64 p-0" aria-label={label}>
        {options.length > SEARCH_FROM ? (
          <div className="relative border-b p-2">
            <SearchIcon className="pointer-events-none absolute top-1/2 start-4 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
            <Input
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t("findOption")}
              aria-label={t("findOptionIn", { label })}
              className="h-8 ps-8 text-sm"
            />
          </div>
        ) : null}
        <div role="group" aria-label={label} className="max-h-64 overflow-y-auto p-1">
          {options.length === 0 ? (
            <p className="px-2 py-3 text-sm text-muted-foreground">{emptyText}</p>
          ) : shown.length === 0 ? (
            <p className="px-2 py-3 text-sm text-muted-foreground">{t("noOptionMatch")}</p>
          ) : (
            shown.map((option) => {
              const checked = selected.includes(option.value);
              const boxId = `${id}-${option.value}`;
              return (
                <label key={option.value} htmlFor={boxId} className="flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm hover:bg-accent">
                  <Checkbox
                    id={boxId}
                    checked={checked}
                    onCheckedChange={(next) => onChange(next === true ? [...selected, option.value] : selected.filter((value) => value !== option.value))}
                  />
                  <span className="min-w-0 flex-1">{option.label}</span>
                </label>
              );
            })
          )}
        </div>
        {count > 0 || footer ? (
          <div className="flex items-center justify-between gap-2 border-t p-2">
            {count > 0 ? (
              <Button type="button" variant="ghost" size="sm" onClick={() => onChange([])}>
                {t("clearChoice")}
              </Button>
            ) : (
              <span />
            )}
            {footer}
          </div>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
