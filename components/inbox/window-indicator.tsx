"use client";

import { HourglassIcon, LockIcon, TimerIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { describeServiceWindow, serviceWindow } from "@/lib/whatsapp/service-window";

import { useNow } from "./use-now";

export function formatWindowDate(date: Date): string {
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })
    : date.toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

/** The 24-hour window in the conversation header: open with a live countdown, closing soon, or closed since when. */
export function WindowIndicator({ lastInboundAt, className }: { lastInboundAt: string | null; className?: string }) {
  const now = useNow(1000);
  const window = serviceWindow(lastInboundAt, now);
  const label = describeServiceWindow(window, formatWindowDate);
  const Icon = window.state === "open" ? TimerIcon : window.state === "closing_soon" ? HourglassIcon : LockIcon;
  return (
    <p
      data-window-state={window.state}
      aria-label={`24-hour window: ${label.replace(/^Window /, "")}`}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs font-medium tabular-nums",
        window.state === "open" && "border-success/25 bg-success/10 text-success",
        window.state === "closing_soon" && "border-warning/30 bg-warning/10 text-warning",
        (window.state === "closed" || window.state === "never_opened") && "border-border bg-muted text-muted-foreground",
        className,
      )}
    >
      <Icon className="size-3.5" aria-hidden="true" />
      <span>{label}</span>
    </p>
  );
}

/** A small dot for the list: green open, amber closing soon, grey closed. */
export function WindowDot({ lastInboundAt, now }: { lastInboundAt: string | null; now: Date }) {
  const window = serviceWindow(lastInboundAt, now);
  const label =
    window.state === "open" ? "window open" : window.state === "closing_soon" ? "window closing soon" : "window closed";
  return (
    <span
      title={label}
      data-window-state={window.state}
      className={cn(
        "inline-block size-2 shrink-0 rounded-full",
        window.state === "open" && "bg-success",
        window.state === "closing_soon" && "bg-warning",
        (window.state === "closed" || window.state === "never_opened") && "bg-muted-foreground/40",
      )}
    />
  );
}

export function windowStateLabel(lastInboundAt: string | null, now: Date): string {
  const window = serviceWindow(lastInboundAt, now);
  return window.state === "open" ? "window open" : window.state === "closing_soon" ? "window closing soon" : "window closed";
}
