import { getDb } from "@/db";
import { LIVE_EVENTS_LOOK_BACK, liveEventsAfter } from "@/db/queries/live-events";
import type { LiveEvent } from "@/db/schema";
import { currentConnectionScope } from "@/lib/auth/connection-access";
import { withCapability } from "@/lib/auth/session";
import { liveHub } from "@/lib/live/hub";
import { liveEventVisible } from "@/lib/live/visibility";

export const dynamic = "force-dynamic";

const KEEPALIVE_MS = 20_000;

function frame(event: LiveEvent): string {
  return `id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(event.payload)}\n\n`;
}

/**
 * Server-sent events for live updates. Events carry ids only; browsers refetch through the
 * role-checked actions. A reconnect sends Last-Event-ID and gets what it missed first. The hub is one
 * per process; each stream sends only the events of the user's connections (lib/live/visibility.ts),
 * their scope re-read at every keepalive so a change of access reaches streams already open.
 */
export const GET = withCapability("inbox.use", async (user, request: Request) => {
  const hub = liveHub();
  await hub.start();
  const db = await getDb();
  // A browser that has seen events says which (Last-Event-ID, or ?after=); a new one starts from now.
  const resumeFrom = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after");
  let sentUpTo = resumeFrom !== null && /^\d{1,15}$/.test(resumeFrom) ? Number(resumeFrom) : hub.currentId;
  const encoder = new TextEncoder();
  let scope = user.connections;
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      // The hub sends each event once; ids remembered here only drop the overlap with the catch-up.
      // An event held back from this user counts as passed, so the catch-up moves on past it.
      const sent = new Set<number>();
      const send = (events: LiveEvent[]) => {
        const fresh = events.filter((event) => !sent.has(event.id));
        if (fresh.length === 0) return;
        for (const event of fresh) sent.add(event.id);
        sentUpTo = Math.max(sentUpTo, fresh.at(-1)!.id);
        if (sent.size > 2 * LIVE_EVENTS_LOOK_BACK) {
          for (const id of sent) if (id < sentUpTo - LIVE_EVENTS_LOOK_BACK) sent.delete(id);
        }
        const visible = fresh.filter((event) => liveEventVisible(scope, event, user.id));
        if (visible.length > 0) controller.enqueue(encoder.encode(visible.map(frame).join("")));
      };
      // Subscribe before catching up: anything published meanwhile is kept, duplicates dropped by id.
      const buffered: LiveEvent[] = [];
      let caughtUp = false;
      const unsubscribe = hub.subscribe((events) => (caughtUp ? send(events) : buffered.push(...events)));
      const keepalive = setInterval(() => {
        controller.enqueue(encoder.encode(": keepalive\n\n"));
        // A failed read keeps the scope the stream had; the next keepalive tries again.
        currentConnectionScope(db, user.id).then(
          (now) => (scope = now),
          () => undefined,
        );
      }, KEEPALIVE_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(keepalive);
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      controller.enqueue(encoder.encode(`retry: 3000\n: connected\n\n`));
      let missed: LiveEvent[];
      do {
        missed = await liveEventsAfter(db, sentUpTo);
        send(missed);
      } while (missed.length > 0);
      caughtUp = true;
      send(buffered);
      buffered.length = 0;
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
