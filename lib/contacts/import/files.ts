/** Where an import's file waits between its upload and its import: `MEDIA_DIR/imports/<id>.csv`. */
import "server-only";

import { mkdir, rm } from "node:fs/promises";
import path from "node:path";

import { env } from "@/lib/env";

const IMPORTS_FOLDER = "imports";

export const importsDir = () => path.join(env().mediaDir, IMPORTS_FOLDER);

/** The stored path (relative to MEDIA_DIR, as the import's row keeps it) of an import's file. */
export const storedPathOf = (importId: string) => `${IMPORTS_FOLDER}/${importId}.csv`;

/** The file on disk of a stored path; undefined for one that would leave the imports folder. */
export function importFilePath(storedPath: string): string | undefined {
  const resolved = path.resolve(env().mediaDir, storedPath);
  return resolved.startsWith(importsDir() + path.sep) ? resolved : undefined;
}

/** Where an upload is written before it is known to be a good file. */
export async function partialPathOf(importId: string): Promise<string> {
  await mkdir(importsDir(), { recursive: true });
  return path.join(importsDir(), `.partial-${importId}`);
}

export async function removeImportFile(storedPath: string | null | undefined): Promise<void> {
  const file = storedPath ? importFilePath(storedPath) : undefined;
  if (file) await rm(file, { force: true });
}
