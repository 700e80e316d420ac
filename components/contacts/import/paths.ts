/** Where the import screens live. */
export const IMPORTS_PATH = "/contacts/imports";
export const NEW_IMPORT_PATH = "/contacts/imports/new";

export function importPath(importId: string): string {
  return `${IMPORTS_PATH}/${encodeURIComponent(importId)}`;
}
