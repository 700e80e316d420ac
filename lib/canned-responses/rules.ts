/** Limits of a canned response, shared by the forms, the actions' schemas and the service. */
export const CANNED_SHORTCUT_MAX = 32;
export const CANNED_BODY_MAX = 4096;
/** Letters (any script), digits, "-" and "_": typed after "/" in the composer, so no spaces. */
export const CANNED_SHORTCUT_PATTERN = /^[\p{L}\p{N}_-]+$/u;

export type CannedLibrary = "team" | "personal";
