import * as React from "react";

import { cn } from "@/lib/utils";

/**
 * A round badge with a person's initials. The product shows no pictures of people, so there is no
 * image to load and fall back from: plain elements do (Radix's avatar, for images, would add its
 * loading logic to every page's first load). Same markup as Radix's root and fallback.
 */
function Avatar({ className, ...props }: React.ComponentProps<"span">) {
  return <span data-slot="avatar" className={cn("relative flex size-8 shrink-0 overflow-hidden rounded-full", className)} {...props} />;
}

function AvatarFallback({ className, ...props }: React.ComponentProps<"span">) {
  return (
    <span
      data-slot="avatar-fallback"
      className={cn("flex size-full items-center justify-center rounded-full bg-muted text-xs font-medium text-foreground", className)}
      {...props}
    />
  );
}

export { Avatar, AvatarFallback };
