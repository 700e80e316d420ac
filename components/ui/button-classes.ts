/**
 * The default button's classes, shared by the button (./button.tsx) and markup that must look like
 * one without loading it (components/shell/status-page.tsx, whose code every page downloads).
 */
export const BUTTON_BASE_CLASS =
  "inline-flex shrink-0 items-center justify-center gap-2 whitespace-nowrap rounded-md text-sm font-medium transition-[color,background-color,border-color,box-shadow] outline-none select-none disabled:pointer-events-none disabled:opacity-50 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background aria-invalid:border-destructive aria-invalid:ring-destructive/20 dark:aria-invalid:ring-destructive/40 [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4";

/** The default variant's colours. */
export const BUTTON_DEFAULT_VARIANT_CLASS = "bg-primary text-primary-foreground shadow-xs hover:bg-primary-hover";

/** The default size. */
export const BUTTON_DEFAULT_SIZE_CLASS = "h-9 px-4 py-2 has-[>svg]:px-3";
