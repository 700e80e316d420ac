/**
 * WhatsApp's limits on the messages the composer builds, in characters (code points). Kept apart
 * from the schemas so the browser's first load can count against them without a validation library.
 * Lengths are counted as WhatsApp counts them: characters (code points), so an emoji counts once.
 */
export const MESSAGE_LIMITS = {
  textBody: 4096,
  caption: 1024,
  interactiveBody: 1024,
  interactiveFooter: 60,
  interactiveHeaderText: 60,
  buttonsMin: 1,
  buttonsMax: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButton: 20,
  listSections: 10,
  listRowsTotal: 10,
  listRowTitle: 24,
  listRowDescription: 72,
  listRowId: 200,
  listSectionTitle: 24,
} as const;
