import { COUNTRY_CODES } from "@/lib/contacts/phone";

/** A country a rate or a test number may be in: ISO code, its name in the reader's language, its calling code. */
export interface CountryChoice {
  code: string;
  name: string;
  callingCode: string;
}

/** Every country, named in the reader's language and sorted as they sort (built on the server, handed to the page). */
export function countryChoices(locale: string): CountryChoice[] {
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map(({ code, callingCode }) => ({ code, callingCode, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}
