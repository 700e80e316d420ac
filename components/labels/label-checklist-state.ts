/** A label's box in a checklist: checked, unchecked, or carried by some of the selected conversations only. */
export type LabelCheckState = boolean | "mixed";

/** The labels whose name holds the search's text, whatever its case. */
export function matchingLabels<T extends { name: string }>(labels: readonly T[], search: string): T[] {
  const needle = search.trim().toLocaleLowerCase();
  return needle ? labels.filter((label) => label.name.toLocaleLowerCase().includes(needle)) : [...labels];
}
