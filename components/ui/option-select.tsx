"use client";

import { ChevronDownIcon } from "lucide-react";
import { Direction } from "radix-ui";
import * as React from "react";

import { cn } from "@/lib/utils";

import { useOnDemand } from "./on-demand";
import { SELECT_TRIGGER_CLASS } from "./select-trigger-class";

export interface SelectOption {
  value: string;
  /** What the option and, once chosen, the trigger show. */
  label: React.ReactNode;
}

export interface OptionSelectProps {
  value: string;
  onValueChange: (value: string) => void;
  options: readonly SelectOption[];
  /** The trigger's accessible name. */
  label: string;
  /** Shown while no option is chosen (an empty value). */
  placeholder?: React.ReactNode;
  disabled?: boolean;
  size?: "sm" | "default";
  /** The trigger's classes. */
  className?: string;
  /** Shown in the trigger before the chosen option (an icon). */
  leading?: React.ReactNode;
  align?: "start" | "center" | "end";
}

const loadListbox = () => import("./option-select-listbox").then((module) => module.OptionSelectListbox);

// The keys with which a select opens from its trigger (as Radix's).
const OPEN_KEYS = [" ", "Enter", "ArrowUp", "ArrowDown"];

/**
 * A select over a list of options whose listbox (Radix Select and its positioning) loads when a person
 * reaches for it: until then its trigger is a placeholder with the same markup, name and value.
 */
export function OptionSelect(props: OptionSelectProps) {
  const demand = useOnDemand(loadListbox, OPEN_KEYS);
  const dir = Direction.useDirection();
  const Listbox = demand.loaded;
  if (Listbox) return <Listbox {...props} {...demand.mount} />;

  const { value, options, label, placeholder, disabled, size = "default", className, leading } = props;
  const chosen = value === "" ? undefined : options.find((option) => option.value === value);
  return (
    <button
      type="button"
      // As Radix's closed trigger: no aria-controls while there is no listbox to point at.
      // eslint-disable-next-line jsx-a11y/role-has-required-aria-props
      role="combobox"
      aria-label={label}
      aria-expanded={false}
      aria-autocomplete="none"
      dir={dir}
      data-state="closed"
      disabled={disabled}
      data-disabled={disabled ? "" : undefined}
      data-placeholder={value === "" ? "" : undefined}
      data-slot="select-trigger"
      data-size={size}
      className={cn(SELECT_TRIGGER_CLASS, className)}
      {...demand.triggerProps}
    >
      {leading}
      <span data-slot="select-value" style={{ pointerEvents: "none" }}>
        {value === "" ? placeholder : chosen?.label}
      </span>
      <ChevronDownIcon className="size-4 opacity-70" aria-hidden="true" />
    </button>
  );
}
