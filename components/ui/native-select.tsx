import * as React from "react";

import { fieldClassName } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** A native select styled like the other fields: keyboard, screen readers and autofill for free. */
export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return <select className={cn(fieldClassName, "h-9 px-2.5 py-1 pe-8", className)} {...props} />;
}
