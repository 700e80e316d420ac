/**
 * Variables in a canned response's text: `{{contact.name}}`, `{{contact.phone}}`,
 * `{{contact.<attribute key>}}` and `{{agent.name}}`, filled from the conversation at hand. Pure:
 * the picker and the server fill the same way. A variable without a value stays in the text as
 * written, and is listed, so the agent sees what to complete before sending.
 */

export interface CannedVariableSources {
  contact: {
    /** The team's name for the customer (contacts.display_name); preferred to the profile name. */
    name?: string | null;
    /** The name the customer gave WhatsApp, used when the team has not named them. */
    profileName?: string | null;
    /** Digits only, as stored; written with a leading "+". */
    phone?: string | null;
    attributes?: Record<string, string | number | boolean | null | undefined>;
  };
  agent: { name?: string | null };
}

export interface FilledCannedText {
  text: string;
  /** The variables left as written, each once, in order of appearance (e.g. "contact.city"). */
  missing: string[];
}

/** The variables every response may use; attributes add `contact.<key>`. */
export const BUILT_IN_CANNED_VARIABLES = ["contact.name", "contact.phone", "agent.name"] as const;

/** `{{ name }}`: a scope ("contact" or "agent"), a dot and a key of letters, digits, "_" and "-". */
const VARIABLE = /\{\{\s*([A-Za-z]+)\.([A-Za-z0-9_-]+)\s*\}\}/g;

function present(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value.trim() === "" ? undefined : value;
}

function valueOf(scope: string, key: string, sources: CannedVariableSources): string | undefined {
  if (scope === "agent") return key === "name" ? present(sources.agent.name) : undefined;
  if (scope !== "contact") return undefined;
  if (key === "name") return present(sources.contact.name) ?? present(sources.contact.profileName);
  if (key === "phone") {
    const phone = present(sources.contact.phone);
    return phone === undefined ? undefined : /^\d+$/.test(phone) ? `+${phone}` : phone;
  }
  const attribute = sources.contact.attributes?.[key];
  if (attribute === null || attribute === undefined) return undefined;
  return present(String(attribute));
}

/** The text with every variable that has a value replaced by it; the others kept as written and listed. */
export function fillCannedVariables(body: string, sources: CannedVariableSources): FilledCannedText {
  const missing: string[] = [];
  const text = body.replace(VARIABLE, (whole, scope: string, key: string) => {
    const value = valueOf(scope, key, sources);
    if (value !== undefined) return value;
    const name = `${scope}.${key}`;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text, missing };
}

/** The variables a text uses, each once, in order ("contact.name", …): for the editor's help. */
export function cannedVariablesIn(body: string): string[] {
  const names: string[] = [];
  for (const match of body.matchAll(VARIABLE)) {
    const name = `${match[1]}.${match[2]}`;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
