import { GraphError, invalidParameter } from "../errors";

const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Meta's check before it accepts a callback: GET with hub.* parameters; the answer must echo the challenge with 200. */
export async function verifyCallback(uri: string, verifyToken: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw invalidParameter(`Param override_callback_uri must be a valid URL; got "${uri}".`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalidParameter("Param override_callback_uri must be an https URL.");
  const challenge = String(1_000_000_000 + Math.floor(Math.random() * 1_000_000_000));
  url.searchParams.set("hub.mode", "subscribe");
  url.searchParams.set("hub.verify_token", verifyToken);
  url.searchParams.set("hub.challenge", challenge);
  let problem: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(HANDSHAKE_TIMEOUT_MS), headers: { "user-agent": "facebookplatform/1.0 (+http://developers.facebook.com)" } });
    const text = (await response.text()).trim();
    if (response.status === 200 && text === challenge) return;
    problem = response.status === 200
      ? `The URL couldn't be validated. Response does not match challenge, expected value="${challenge}", received="${text.slice(0, 100)}"`
      : `HTTP Status Code = ${response.status}; HTTP Message = ${response.statusText || "Error"}`;
  } catch (error) {
    const cause = error instanceof Error ? ((error as Error & { cause?: { code?: string } }).cause?.code ?? error.message) : String(error);
    problem = `Couldn't connect to server (${cause})`;
  }
  throw new GraphError(2200, {
    message: `(#2200) Callback verification failed with the following errors: ${problem}`,
    details: problem,
    userTitle: "Callback verification failed",
    userMessage: `Meta could not verify ${uri}: ${problem}`,
  });
}
