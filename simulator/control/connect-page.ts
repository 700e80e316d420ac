import type { IncomingMessage } from "node:http";
import type { Reply } from "../http";
import { html, readBody } from "../http";
import { provisionWaba } from "../seed";
import type { Simulator } from "../sim";
import type { Connection } from "../state";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Maton (simulated)</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
main{border:1px solid #d0d7de;border-radius:12px;padding:1.5rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:1px solid #1f2328;margin-right:.5rem;cursor:pointer}
button[value=authorize]{background:#1a7f37;color:#fff;border-color:#1a7f37}p.note{color:#57606a;font-size:.9rem}</style></head>
<body><main>${content}</main></body></html>`;
}

function findBySession(sim: Simulator, token: string | null): Connection | undefined {
  if (!token) return undefined;
  return [...sim.state.connections.values()].find((connection) => connection.sessionToken === token);
}

function invalidLink(): Reply {
  return html(page("Link not valid", `<h1>This link is not valid</h1><p>The connection was not found. It may have been deleted. Start again from the dashboard.</p>`), 404);
}

function resultPage(connection: Connection): Reply {
  const authorized = connection.status === "ACTIVE";
  const title = authorized ? "Connection authorized" : "Connection denied";
  const text = authorized
    ? `WhatsApp Business is now connected to Maton for <strong>${escapeHtml(connection.businessName)}</strong>. You can close this page and return to the dashboard.`
    : "The connection was not authorized. You can close this page and start again from the dashboard.";
  return html(page(title, `<h1>${title}</h1><p role="status">${text}</p><p class="note">Connection ${escapeHtml(connection.connectionId)} · status ${connection.status}</p>`));
}

/** Maton's connect page (OAuth consent), simulated: Authorize turns the connection ACTIVE, Deny turns it FAILED. */
export async function handleConnectPage(sim: Simulator, req: IncomingMessage, url: URL): Promise<Reply> {
  if (req.method === "POST") {
    const form = new URLSearchParams((await readBody(req, 16 * 1024)).toString("utf8"));
    const connection = findBySession(sim, form.get("session_token"));
    if (!connection) return invalidLink();
    if (connection.status === "PENDING") {
      const now = sim.clock.now();
      if (form.get("decision") === "authorize") {
        connection.status = "ACTIVE";
        provisionWaba(sim.state, sim.ids, connection, now);
      } else {
        connection.status = "FAILED";
      }
      connection.updatedAt = now;
    }
    return resultPage(connection);
  }
  const token = url.searchParams.get("session_token");
  const connection = findBySession(sim, token);
  if (!connection) return invalidLink();
  if (connection.status !== "PENDING") return resultPage(connection);
  return html(page("Connect WhatsApp Business", `
<h1>Connect WhatsApp Business</h1>
<p>The dashboard asks Maton for access to your WhatsApp Business account.</p>
<h2>It will be able to</h2>
<ul><li>Send and receive WhatsApp messages</li><li>Manage message templates</li><li>Read and edit the business profile</li></ul>
<form method="post" action="/connect">
<input type="hidden" name="session_token" value="${escapeHtml(token ?? "")}">
<button type="submit" name="decision" value="authorize">Authorize</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
<p class="note">Simulated Maton connect page. The real one is https://connect.maton.ai/?session_token=…</p>`));
}
