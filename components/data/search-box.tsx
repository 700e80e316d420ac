"use client";

import { SearchIcon } from "lucide-react";
import * as React from "react";

import { Input } from "@/components/ui/input";

/** How long typing waits for a pause before the list asks again. */
const SEARCH_DEBOUNCE_MS = 300;

/**
 * A list's search box kept in the URL: what is typed reaches `onSearch` after a pause, Escape clears it,
 * and a change of the URL from elsewhere (back, a link) shows in it.
 */
export function SearchBox({
  value,
  onSearch,
  label,
  placeholder,
  maxLength,
}: {
  value: string;
  onSearch: (search: string) => void;
  label: string;
  placeholder: string;
  maxLength: number;
}) {
  const [text, setText] = React.useState(value);
  const [seen, setSeen] = React.useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== text.trim()) setText(value);
  }
  React.useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <div className="relative w-full sm:w-72">
      <SearchIcon className="pointer-events-none absolute top-1/2 start-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
      <Input
        type="search"
        value={text}
        maxLength={maxLength}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && text) {
            event.preventDefault();
            setText("");
            onSearch("");
          }
        }}
        placeholder={placeholder}
        aria-label={label}
        className="h-8 ps-8 text-sm"
      />
    </div>
  );
}
