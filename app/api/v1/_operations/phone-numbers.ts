import { countPhoneNumbers, listPhoneNumberPage } from "@/db/queries/api-phone-numbers";
import { defineOperation } from "@/lib/api/operation";
import { decodeCursor, encodeCursor, listOf, pageQuery } from "@/lib/api/pagination";
import { apiPhoneNumber, phoneNumberSchema } from "@/lib/api/resources/phone-numbers";
import { z } from "@/lib/zod";

const position = z.object({ display: z.string(), id: z.string() });

export const listPhoneNumbers = defineOperation({
  method: "GET",
  path: "/phone-numbers",
  operationId: "listPhoneNumbers",
  summary: "List business phone numbers",
  description:
    "The business numbers of the connections you work in (an admin: all of them), by display number. " +
    "A number's `id` is the `phone_number_id` that conversations, templates and media refer to.",
  tag: "Phone numbers",
  capability: "inbox.use",
  query: pageQuery.extend({
    waba_id: z.string().min(1).max(64).optional().meta({ description: "Only the numbers of this WhatsApp Business account." }),
  }),
  success: { status: 200, description: "A page of phone numbers.", schema: listOf(phoneNumberSchema) },
  async handle({ db, user, query }) {
    const filters = { scope: user.connections, wabaId: query.waba_id };
    const rows = await listPhoneNumberPage(db, { ...filters, after: decodeCursor(query.cursor, position), limit: query.limit });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(apiPhoneNumber),
      next_cursor: rows.length > query.limit && last ? encodeCursor({ display: last.displayPhoneNumber ?? "", id: last.id }) : null,
      total: await countPhoneNumbers(db, filters),
    };
  },
});
