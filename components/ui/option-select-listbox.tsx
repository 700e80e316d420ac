"use client";

import * as React from "react";

import { useFocusOnMount, type OnDemandMount } from "./on-demand";
import type { OptionSelectProps } from "./option-select";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

/** The select behind `OptionSelect`, loaded when a person reaches for it. */
export function OptionSelectListbox({
  value,
  onValueChange,
  options,
  label,
  placeholder,
  disabled,
  size,
  className,
  leading,
  align,
  openOnMount,
  focusOnMount,
}: OptionSelectProps & OnDemandMount) {
  const trigger = React.useRef<HTMLButtonElement>(null);
  useFocusOnMount(trigger, focusOnMount);
  return (
    <Select value={value} onValueChange={onValueChange} disabled={disabled} defaultOpen={openOnMount}>
      <SelectTrigger ref={trigger} size={size} aria-label={label} className={className}>
        {leading}
        <SelectValue placeholder={placeholder} />
      </SelectTrigger>
      <SelectContent align={align}>
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
