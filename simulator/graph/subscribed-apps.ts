import { invalidParameter } from "../errors";
import type { JsonRecord, Reply } from "../http";
import { json } from "../http";
import type { Waba } from "../state";
import { verifyCallback } from "../webhooks/handshake";
import type { GraphRequest } from "./context";
import { readGraphBody } from "./context";
import { requireText } from "./fields";

/** Maton's Meta app, the one subscribed to every linked WABA. */
const MATON_APP = { id: "1067322557652846", name: "Maton", link: "https://www.facebook.com/games/?app_id=1067322557652846" };

export function listSubscribedApps(_request: GraphRequest, waba: Waba): Reply {
  if (!waba.subscription.subscribed) return json({ data: [] });
  const app: JsonRecord = { whatsapp_business_api_data: MATON_APP };
  if (waba.subscription.overrideCallbackUri) app.override_callback_uri = waba.subscription.overrideCallbackUri;
  return json({ data: [app] });
}

/** Subscribes the app; with `override_callback_uri` runs Meta's handshake first and refuses on failure. */
export async function subscribeApp(request: GraphRequest, waba: Waba): Promise<Reply> {
  const body = await readGraphBody(request);
  const uri = body.override_callback_uri;
  if (uri === undefined || uri === null || uri === "") {
    if (body.verify_token !== undefined) throw invalidParameter("The parameter override_callback_uri is required when verify_token is set.");
    waba.subscription = { subscribed: true, overrideCallbackUri: null };
    return json({ success: true });
  }
  const callback = requireText(uri, "override_callback_uri", 2048);
  const token = requireText(body.verify_token, "verify_token", 1024);
  await verifyCallback(callback, token);
  waba.subscription = { subscribed: true, overrideCallbackUri: callback };
  return json({ success: true });
}

export function unsubscribeApp(_request: GraphRequest, waba: Waba): Reply {
  waba.subscription = { subscribed: false, overrideCallbackUri: null };
  return json({ success: true });
}
