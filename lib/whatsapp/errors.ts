/**
 * The one table that turns WhatsApp (Graph) error codes and Maton gateway answers into words a
 * support agent understands: a short title, what happened, and what to do next.
 * Pure data, safe for the browser.
 */

export interface ErrorExplanation {
  /** Short label shown beside the code. */
  title: string;
  /** What happened, in plain language. */
  explanation: string;
  /** What the person should do about it. */
  action: string;
  /** Waiting and trying again can succeed (rate limits, passing outages). */
  retryLater: boolean;
}

function entry(title: string, explanation: string, action: string, retryLater = false): ErrorExplanation {
  return { title, explanation, action, retryLater };
}

/** Keys: Graph error codes as strings ("131047"), Maton gateway answers ("maton:401"), and client-side cases. */
export const ERROR_TABLE = {
  // Meta / WhatsApp Cloud API codes (contract section 7)
  "0": entry(
    "Authorization failed",
    "WhatsApp no longer accepts the authorization of the linked business account (the token behind the Maton connection expired or was revoked).",
    "Relink the WhatsApp account in Connections.",
  ),
  "190": entry(
    "Access token expired or invalid",
    "The access token Maton holds for this WhatsApp account expired or was revoked, so WhatsApp refused the request.",
    "Relink the WhatsApp account in Connections.",
  ),
  "100": entry(
    "Invalid parameter",
    "WhatsApp rejected a value in the request (a field is missing, malformed or not allowed here).",
    "Fix the field named in the details and try again.",
  ),
  "368": entry(
    "Account temporarily blocked",
    "WhatsApp temporarily blocked this business account for a policy violation.",
    "Check the account quality in Meta's WhatsApp Manager; sending resumes when the block ends.",
  ),
  "80007": entry(
    "Account rate limit reached",
    "The WhatsApp Business Account made too many requests in a short time.",
    "Wait a few minutes and try again.",
    true,
  ),
  "130429": entry(
    "Sending too fast",
    "This phone number hit WhatsApp's throughput limit (about 80 messages per second by default).",
    "Slow down and retry later.",
    true,
  ),
  "130472": entry(
    "Marketing not delivered (experiment)",
    "The customer's number is part of a WhatsApp experiment, so this marketing message was not delivered.",
    "Nothing to do: service messages and utility templates still reach them.",
  ),
  "131000": entry(
    "Something went wrong at WhatsApp",
    "WhatsApp had an internal problem and could not send this message.",
    "Try again in a few minutes.",
    true,
  ),
  "131008": entry(
    "Required value missing",
    "A value WhatsApp needs for this message is missing.",
    "Fill in the field named in the details and send again.",
  ),
  "131009": entry(
    "Invalid value",
    "A value in the message is not one WhatsApp accepts.",
    "Fix the field named in the details and send again.",
  ),
  "131026": entry(
    "Message undeliverable",
    "WhatsApp could not deliver the message: the number may not use WhatsApp, run an old app version, or the customer has not accepted WhatsApp's latest terms.",
    "Check the number; reach the customer through another channel.",
  ),
  "131030": entry(
    "Recipient not allowed",
    "This is a test phone number and the recipient is not on its allowed list.",
    "Add the recipient to the allowed list in Meta's app dashboard, or use a production number.",
  ),
  "131031": entry(
    "Account locked",
    "WhatsApp locked this business account (for example after a policy or integrity problem), so it cannot send.",
    "Contact Meta support through WhatsApp Manager.",
  ),
  "131042": entry(
    "Payment problem",
    "WhatsApp refused to send because of a payment problem on the business account (no valid payment method, or an unpaid balance).",
    "Fix the payment method in Meta's WhatsApp Manager, then send again.",
  ),
  "131048": entry(
    "Spam limit reached",
    "Too many of this number's messages were blocked or reported as spam, so WhatsApp is limiting what it sends.",
    "Send less, and only to customers who expect it; check the number's quality in Meta's WhatsApp Manager.",
    true,
  ),
  "131047": entry(
    "24-hour window closed",
    "More than 24 hours have passed since the customer last wrote, so WhatsApp only allows approved templates.",
    "Send an approved template; free-form replies work again once the customer answers.",
  ),
  "131049": entry(
    "Not delivered, to keep engagement healthy",
    "WhatsApp chose not to deliver this marketing message (it limits how many marketing messages each customer gets, and weighs how customers engage with them).",
    "Don't resend it at once: try again later, or with another message.",
    true,
  ),
  "131050": entry(
    "Customer stopped marketing messages",
    "This customer told WhatsApp they no longer want marketing messages from your business, so marketing templates are not delivered to them.",
    "Don't send them marketing; service replies and utility templates still reach them. They can resume marketing messages themselves.",
  ),
  "131051": entry(
    "Unsupported message type",
    "WhatsApp does not support this kind of message.",
    "Send the content as a supported type (text, media, location, contacts, interactive or template).",
  ),
  "131057": entry(
    "Account in maintenance",
    "The WhatsApp Business account is in maintenance mode for now.",
    "Wait, then send again.",
    true,
  ),
  "131060": entry(
    "Not supported by the customer's app",
    "The customer's WhatsApp app cannot show this kind of message.",
    "Send it as plain text or another supported type.",
  ),
  "131052": entry(
    "Media download failed",
    "WhatsApp could not download the media the customer sent.",
    "Ask the customer to send the file again.",
  ),
  "131053": entry(
    "Media upload failed",
    "WhatsApp could not use the media: the file type or size is not accepted, or the link could not be reached.",
    "Check the file's type and size (and that a link is public https), then try again.",
  ),
  "131056": entry(
    "Too many messages to this customer",
    "Too many messages were sent to the same customer in a short time (pair rate limit).",
    "Wait a little before writing to this customer again.",
    true,
  ),
  "132000": entry(
    "Template variables missing",
    "The number of values given does not match the template's variables (or the template is not approved).",
    "Fill in every variable of the template.",
  ),
  "132001": entry(
    "Template not found",
    "No approved template exists with this name in this language.",
    "Check the template's name and language in Templates.",
  ),
  "132005": entry(
    "Template text too long",
    "With the values filled in, the template's text is longer than WhatsApp allows.",
    "Shorten the values of the variables.",
  ),
  "132007": entry(
    "Template violates policy",
    "WhatsApp found that the template's content violates its policies.",
    "Edit the template and submit it again.",
  ),
  "132012": entry(
    "Variable format mismatch",
    "A variable's value does not have the format the template expects (for example text where media is expected).",
    "Check the type of each variable's value.",
  ),
  "132015": entry(
    "Template paused",
    "WhatsApp paused this template because customers rated it poorly.",
    "Use another template, or edit this one to improve it.",
  ),
  "132016": entry(
    "Template disabled",
    "WhatsApp disabled this template after repeated low quality.",
    "Use another template.",
  ),
  "133010": entry(
    "Phone number not registered",
    "This business phone number is not registered with the WhatsApp Cloud API.",
    "Register the phone number in Meta's WhatsApp Manager.",
  ),
  // Maton gateway answers (not from Meta)
  "maton:400": entry(
    "No usable connection",
    "The Maton gateway found no usable WhatsApp Business connection for this request, or the request was malformed.",
    "Check in Connections that an active WhatsApp account is linked and selected.",
  ),
  "maton:401": entry(
    "Maton key rejected",
    "The Maton gateway refused the API key: it is missing or invalid.",
    "Check MATON_API_KEY in the dashboard's configuration.",
  ),
  "maton:403": entry(
    "Refused by the gateway",
    "The Maton gateway refused this request (this operation may not be allowed through it).",
    "Check the connection's permissions, or do this in Meta's WhatsApp Manager.",
  ),
  "maton:404": entry(
    "Not found",
    "The gateway could not find what was asked for (the connection, or the WhatsApp object, no longer exists).",
    "Refresh the page; if it persists, check the connection in Connections.",
  ),
  "maton:429": entry(
    "Too many requests",
    "More than 10 requests per second reached the Maton gateway for this account.",
    "Wait a moment; the dashboard retries automatically.",
    true,
  ),
  "maton:5xx": entry(
    "Gateway error",
    "The Maton gateway or WhatsApp had a temporary problem.",
    "Try again in a moment.",
    true,
  ),
  "maton:other": entry(
    "Unexpected gateway answer",
    "The Maton gateway answered with an error it did not explain.",
    "Try again; if it persists, contact support with the details.",
  ),
  // Client-side cases
  network: entry(
    "Gateway unreachable",
    "The dashboard could not reach the Maton gateway (network problem).",
    "Check the network and the gateway URL, then try again.",
    true,
  ),
  timeout: entry(
    "Gateway timed out",
    "The Maton gateway did not answer in time.",
    "Try again in a moment.",
    true,
  ),
  unexpected_response: entry(
    "Unexpected answer",
    "The gateway answered with data the dashboard does not understand.",
    "Try again; if it persists, contact support with the details.",
  ),
  invalid_request: entry(
    "Invalid message",
    "The request breaks one of WhatsApp's rules (a length limit or a required field), so it was not sent.",
    "Fix the fields named in the details.",
  ),
  unknown_graph: entry(
    "WhatsApp error",
    "WhatsApp refused the request.",
    "Read WhatsApp's message in the details; try again or contact support.",
  ),
} as const satisfies Record<string, ErrorExplanation>;

export type ErrorKey = keyof typeof ERROR_TABLE;

/** Graph codes the table explains (contract section 7 plus the authentication codes). */
export const EXPLAINED_GRAPH_CODES = Object.keys(ERROR_TABLE)
  .filter((key) => /^\d+$/.test(key))
  .map(Number);

export function explainKey(key: ErrorKey): ErrorExplanation {
  return ERROR_TABLE[key];
}

function lookup(key: string): ErrorExplanation | undefined {
  return (ERROR_TABLE as Record<string, ErrorExplanation>)[key];
}

/** Explanation for a Graph error code; falls back to the HTTP status when the code is not in the table. */
export function explainGraphError(code: number | undefined, status?: number): ErrorExplanation {
  const known = code === undefined ? undefined : lookup(String(code));
  if (known) return known;
  // Meta's throttling codes vary (4, 17, 32, 613, 80004…); their HTTP status says enough.
  if (status === 429) return ERROR_TABLE["maton:429"];
  if (status !== undefined && status >= 500) return ERROR_TABLE["maton:5xx"];
  return ERROR_TABLE.unknown_graph;
}

/** Explanation for an error answered by the Maton gateway itself (any body, keyed by HTTP status). */
export function explainMatonError(status: number): ErrorExplanation {
  if (status >= 500) return ERROR_TABLE["maton:5xx"];
  return lookup(`maton:${status}`) ?? ERROR_TABLE["maton:other"];
}

/** "131047 · 24-hour window closed": the code and its title together, as the contract asks. */
export function formatErrorLabel(code: number | string | undefined, title: string): string {
  return code === undefined ? title : `${code} · ${title}`;
}
