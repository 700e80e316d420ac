/** Conversation labels as the screens, the actions and the API read them (no server code: the browser imports it). */
import { TAG_COLOURS, type TagColour } from "@/lib/contacts/views";

/** Labels take the contact tags' palette. */
export const LABEL_COLOURS = TAG_COLOURS;
export type LabelColour = TagColour;

export const LABEL_LIMITS = {
  /** A label's name, in characters. */
  name: 40,
  /** Labels one conversation may carry. */
  perConversation: 20,
  /** Conversations one bulk change may name. */
  bulkIds: 500,
} as const;

export interface ConversationLabel {
  id: string;
  name: string;
  color: LabelColour;
}

export interface ConversationLabelView extends ConversationLabel {
  /** How many conversations carry it. */
  conversationCount: number;
}

/** A colour as stored; one this version does not know shows as gray. */
export const labelColourOf = (colour: string): LabelColour => ((LABEL_COLOURS as readonly string[]).includes(colour) ? (colour as LabelColour) : "gray");
