import { invalidParameter } from "../errors";
import type { JsonRecord } from "../http";
import { isRecord } from "../http";

/** Meta's way of naming a nested field in error details: text['body'], buttons[0]['reply']. */
export function fieldPath(root: string, ...parts: Array<string | number>): string {
  return root + parts.map((part) => (typeof part === "number" ? `[${part}]` : `['${part}']`)).join("");
}

export function requireRecord(value: unknown, path: string): JsonRecord {
  if (value === undefined || value === null) throw invalidParameter(`The parameter ${path} is required.`);
  if (!isRecord(value)) throw invalidParameter(`Param ${path} must be a JSON object.`);
  return value;
}

export function requireArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) throw invalidParameter(`The parameter ${path} is required.`);
  if (!Array.isArray(value)) throw invalidParameter(`Param ${path} must be an array.`);
  return value;
}

/** A required string of min..max characters. */
export function requireText(value: unknown, path: string, max: number, min = 1): string {
  if (value === undefined || value === null || value === "") {
    if (min > 0) throw invalidParameter(`The parameter ${path} is required.`);
  }
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw invalidParameter(`Param ${path} must be a string.`);
  const length = [...value].length;
  if (length < min) throw invalidParameter(`Param ${path} must be at least ${min} characters long.`);
  if (length > max) throw invalidParameter(`Param ${path} must be at most ${max} characters long.`);
  return value;
}

export function optionalText(value: unknown, path: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  return requireText(value, path, max, 0);
}

export function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (value === undefined || value === null) throw invalidParameter(`The parameter ${path} is required.`);
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw invalidParameter(`Param ${path} must be one of {${allowed.join(", ")}} - got "${String(value)}".`);
  }
  return value as T;
}
