/**
 * The column-mapping step's rules, pure and browser-safe: which field a CSV header most likely holds,
 * which mapping can be started, and which country the numbers written without "+" probably come from.
 */
import type { AttributeDefinitionView, ImportField } from "@/lib/contacts/views";

/** What a column's select holds: a field, or "" for a column left out. */
export type ColumnChoice = ImportField | "";

/** Column index (as text, as the import stores it) → field; ignored columns are absent. */
export type ColumnMapping = Record<string, ImportField>;

/** The fields other than attributes, in the order the select offers them. */
export const BASIC_FIELDS = ["name", "phone", "tags", "consent"] as const satisfies readonly ImportField[];

/** "Phone Number", "phone_number" and "phone-number" read alike: lower case, letters and digits only, accents dropped. */
export function compactHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

// Headers as spreadsheets in the product's languages write them (compacted).
const EXACT_HEADERS: Record<(typeof BASIC_FIELDS)[number], readonly string[]> = {
  name: ["name", "fullname", "displayname", "contactname", "customername", "nombre", "nome", "姓名", "名字", "名称", "الاسم", "اسم"],
  phone: ["phone", "phonenumber", "number", "mobile", "mobilenumber", "whatsapp", "whatsappnumber", "waid", "telefono", "telefone", "celular", "movil", "电话", "手机", "手机号", "电话号码", "هاتف", "رقمالهاتف", "جوال"],
  tags: ["tags", "tag", "labels", "etiquetas", "标签", "وسوم"],
  consent: ["consent", "marketingconsent", "optin", "optedin", "consentimiento", "consentimento", "同意", "موافقة"],
};

/** Words that mark a phone column inside a longer header ("Customer mobile", "Número de WhatsApp"). */
const PHONE_WORDS = ["phone", "mobile", "whatsapp", "number", "numero", "telefon", "celular", "msisdn", "电话", "手机", "هاتف"];

/** The field a header names outright: a basic field's usual header, or an attribute's key or name. */
function exactField(header: string, attributes: readonly AttributeDefinitionView[]): ImportField | undefined {
  const compact = compactHeader(header);
  if (!compact) return undefined;
  // An attribute the team defined is more specific than a guess from common words.
  const attribute = attributes.find((definition) => compactHeader(definition.key) === compact || compactHeader(definition.name) === compact);
  if (attribute) return `attribute:${attribute.key}`;
  return BASIC_FIELDS.find((field) => EXACT_HEADERS[field].includes(compact));
}

/**
 * The mapping offered when the file is opened: each header matched to the field it names (exact
 * names first, then a phone column recognised by a word in its header), each field taken by the
 * first column that claims it, everything else left out.
 */
export function guessMapping(columns: readonly string[], attributes: readonly AttributeDefinitionView[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<ImportField>();
  columns.forEach((header, index) => {
    const field = exactField(header, attributes);
    if (field && !taken.has(field)) {
      mapping[String(index)] = field;
      taken.add(field);
    }
  });
  if (!taken.has("phone")) {
    const index = columns.findIndex((header, at) => mapping[String(at)] === undefined && PHONE_WORDS.some((word) => compactHeader(header).includes(word)));
    if (index >= 0) mapping[String(index)] = "phone";
  }
  return mapping;
}

/** The mapping with one column's choice changed; "" leaves the column out. */
export function withChoice(mapping: ColumnMapping, index: number, choice: ColumnChoice): ColumnMapping {
  const next = { ...mapping };
  if (choice === "") delete next[String(index)];
  else next[String(index)] = choice;
  return next;
}

export type MappingProblem =
  /** No column holds the phone numbers. */
  | { kind: "noPhone" }
  /** The same field chosen for several columns (indexes in order). */
  | { kind: "duplicate"; field: ImportField; columns: number[] };

/** What keeps a mapping from starting, checked here before the server checks it again. */
export function mappingProblems(mapping: ColumnMapping): MappingProblem[] {
  const columnsByField = new Map<ImportField, number[]>();
  // Integer-like keys come out of Object.entries in ascending order: the columns are listed left to right.
  for (const [index, field] of Object.entries(mapping)) {
    columnsByField.set(field, [...(columnsByField.get(field) ?? []), Number(index)]);
  }
  const problems: MappingProblem[] = [];
  if (!columnsByField.has("phone")) problems.push({ kind: "noPhone" });
  for (const [field, columns] of columnsByField) {
    if (columns.length > 1) problems.push({ kind: "duplicate", field, columns });
  }
  return problems;
}

/** The column holding the phone numbers, when exactly one does. */
export function phoneColumn(mapping: ColumnMapping): number | undefined {
  const indexes = Object.entries(mapping)
    .filter(([, field]) => field === "phone")
    .map(([index]) => Number(index));
  return indexes.length === 1 ? indexes[0] : undefined;
}

/** The region a language tag points at ("pt-BR" → BR, "es" → ES, "zh-Hans" → CN), when the runtime can tell. */
function regionOf(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).maximize().region;
  } catch {
    return undefined;
  }
}

/** The languages of an Accept-Language header, most preferred first ("es-MX,es;q=0.9,en;q=0.8" → es-MX, es, en). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const quality = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), quality: quality === undefined ? 1 : Number(quality), order };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order)
    .map((entry) => entry.tag);
}

/**
 * The default country to offer: the one used last, else the first region the reader's languages
 * point at, among the countries offered; undefined when none fits.
 */
export function defaultCountryGuess(options: { lastUsed: string | null | undefined; languages: readonly string[]; known: ReadonlySet<string> }): string | undefined {
  if (options.lastUsed && options.known.has(options.lastUsed)) return options.lastUsed;
  for (const language of options.languages) {
    const region = regionOf(language);
    if (region && options.known.has(region)) return region;
  }
  return undefined;
}
