import { invalidParameter } from "../errors";
import type { JsonRecord, Reply } from "../http";
import { json } from "../http";
import type { PhoneNumber } from "../state";
import type { GraphRequest } from "./context";
import { readGraphBody } from "./context";
import { oneOf, requireArray, requireText } from "./fields";
import { profilePictureFromHandle } from "./uploads";

export const VERTICALS = [
  "UNDEFINED", "OTHER", "AUTO", "BEAUTY", "APPAREL", "EDU", "ENTERTAIN", "EVENT_PLAN", "FINANCE", "GROCERY", "GOVT",
  "HOTEL", "HEALTH", "NONPROFIT", "PROF_SERVICES", "RETAIL", "TRAVEL", "RESTAURANT", "NOT_A_BIZ",
] as const;

const PROFILE_FIELDS = ["about", "address", "description", "email", "profile_picture_url", "websites", "vertical"];

/** `GET /{phone_number_id}/whatsapp_business_profile?fields=…` */
export function getProfile(request: GraphRequest, phone: PhoneNumber): Reply {
  const { profile } = phone;
  const all: JsonRecord = {
    about: profile.about, address: profile.address, description: profile.description, email: profile.email,
    profile_picture_url: profile.profilePictureUrl, websites: profile.websites, vertical: profile.vertical,
  };
  const wanted = request.query.get("fields")?.split(",").map((field) => field.trim()) ?? PROFILE_FIELDS;
  const data: JsonRecord = { messaging_product: "whatsapp" };
  for (const field of wanted) {
    // Meta leaves out fields that are empty.
    const value = all[field];
    if (value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0)) data[field] = value;
  }
  return json({ data: [data] });
}

/** `POST /{phone_number_id}/whatsapp_business_profile` with the contract's limits; errors name the field. */
export async function updateProfile(request: GraphRequest, phone: PhoneNumber): Promise<Reply> {
  const body = await readGraphBody(request);
  if (body.messaging_product === undefined) throw invalidParameter("The parameter messaging_product is required.", "(#100) The parameter messaging_product is required.");
  oneOf(String(body.messaging_product).toLowerCase(), "messaging_product", ["whatsapp"] as const);
  const next = { ...phone.profile };
  if (body.about !== undefined) next.about = requireText(body.about, "about", 139);
  if (body.address !== undefined) next.address = requireText(body.address, "address", 256, 0);
  if (body.description !== undefined) next.description = requireText(body.description, "description", 512, 0);
  if (body.email !== undefined) {
    next.email = requireText(body.email, "email", 128, 0);
    if (next.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(next.email)) throw invalidParameter("Param email must be a valid email address.");
  }
  if (body.websites !== undefined) {
    const websites = requireArray(body.websites, "websites");
    if (websites.length > 2) throw invalidParameter("Param websites must have at most 2 elements.");
    next.websites = websites.map((website, index) => {
      const url = requireText(website, `websites[${index}]`, 256);
      if (!/^https?:\/\/[^\s]+\.[^\s]+/.test(url)) throw invalidParameter(`Param websites[${index}] must be a URL starting with http:// or https://.`);
      return url;
    });
  }
  if (body.vertical !== undefined) next.vertical = oneOf(body.vertical, "vertical", VERTICALS);
  if (body.profile_picture_handle !== undefined) {
    const handle = requireText(body.profile_picture_handle, "profile_picture_handle", 2048);
    next.profilePictureUrl = profilePictureFromHandle(request, handle);
  }
  phone.profile = next;
  return json({ success: true });
}
