"use client";

import * as React from "react";
import { Tooltip as TooltipPrimitive } from "radix-ui";

import { cn } from "@/lib/utils";

import { useTooltipGroup } from "./tooltip";

const subscribeToNothing = () => () => {};

/**
 * A tooltip, with the timing of the TooltipProvider above it (./tooltip-provider.tsx; the app mounts
 * one at the root, which sets the shared delay). Its own Radix provider is told the group's delay at
 * each moment: none while another tooltip is open or has just closed.
 */
function Tooltip({ delayDuration, onOpenChange, ...props }: React.ComponentProps<typeof TooltipPrimitive.Root>) {
  const group = useTooltipGroup();
  const openDelayed = React.useSyncExternalStore(group?.subscribe ?? subscribeToNothing, group?.isOpenDelayed ?? (() => true), () => true);
  return (
    <TooltipPrimitive.Provider
      delayDuration={group?.delayDuration}
      disableHoverableContent={group?.disableHoverableContent}
      // The group keeps the skip delay across tooltips; this provider serves this tooltip only.
      skipDelayDuration={0}
    >
      <TooltipPrimitive.Root
        data-slot="tooltip"
        delayDuration={openDelayed ? delayDuration : 0}
        onOpenChange={(open) => {
          if (open) group?.opened();
          else group?.closed();
          onOpenChange?.(open);
        }}
        {...props}
      />
    </TooltipPrimitive.Provider>
  );
}

function TooltipTrigger(props: React.ComponentProps<typeof TooltipPrimitive.Trigger>) {
  return <TooltipPrimitive.Trigger data-slot="tooltip-trigger" {...props} />;
}

function TooltipContent({
  className,
  sideOffset = 4,
  children,
  ...props
}: React.ComponentProps<typeof TooltipPrimitive.Content>) {
  return (
    <TooltipPrimitive.Portal>
      <TooltipPrimitive.Content
        data-slot="tooltip-content"
        sideOffset={sideOffset}
        className={cn(
          "z-50 w-fit max-w-xs origin-(--radix-tooltip-content-transform-origin) animate-in rounded-md bg-foreground px-2.5 py-1.5 text-xs text-balance text-background fade-in-0 zoom-in-95 data-[side=bottom]:slide-in-from-top-2 data-[side=left]:slide-in-from-right-2 data-[side=right]:slide-in-from-left-2 data-[side=top]:slide-in-from-bottom-2 data-[state=closed]:animate-out data-[state=closed]:fade-out-0 data-[state=closed]:zoom-out-95",
          className,
        )}
        {...props}
      >
        {children}
        <TooltipPrimitive.Arrow className="z-50 size-2.5 translate-y-[calc(-50%_-_2px)] rotate-45 rounded-[2px] bg-foreground fill-foreground" />
      </TooltipPrimitive.Content>
    </TooltipPrimitive.Portal>
  );
}

export { Tooltip, TooltipTrigger, TooltipContent };
