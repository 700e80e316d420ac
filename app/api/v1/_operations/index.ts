/**
 * Every operation of the public API. The OpenAPI document (/api/v1/openapi.json) and the contract
 * test are built from this list; each operation's route file lives at its path
 * (`/conversations/{conversation_id}` → app/api/v1/conversations/[conversation_id]/route.ts).
 */
import type { ApiOperation } from "@/lib/api/operation";

import { CAMPAIGN_OPERATIONS } from "./campaigns";
import { CONTACT_IMPORT_OPERATIONS } from "./contact-imports";
import { CONTACT_OPERATIONS } from "./contacts";
import { CONVERSATION_OPERATIONS } from "./conversations";
import { MEDIA_OPERATIONS } from "./media";
import { MESSAGE_OPERATIONS } from "./messages";
import { listPhoneNumbers } from "./phone-numbers";
import { SEGMENT_OPERATIONS } from "./segments";
import { listTemplates } from "./templates";

export const OPERATIONS: ApiOperation[] = [listPhoneNumbers, listTemplates, ...CONVERSATION_OPERATIONS, ...MESSAGE_OPERATIONS, ...MEDIA_OPERATIONS, ...CONTACT_OPERATIONS, ...CONTACT_IMPORT_OPERATIONS, ...SEGMENT_OPERATIONS, ...CAMPAIGN_OPERATIONS];
