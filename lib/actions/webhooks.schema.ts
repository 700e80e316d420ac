import { z } from "zod";

export const replayWebhookSchema = z.object({
  eventId: z.number().int().positive("Choose a stored delivery to replay."),
});
