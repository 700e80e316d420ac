import { createHash, randomBytes } from "node:crypto";

/** Deterministic identifiers: counters reset with the simulated state, so a run is reproducible. */
export class IdFactory {
  private counters = new Map<string, number>();

  next(kind: string): number {
    const value = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, value);
    return value;
  }

  /** A numeric-string Graph id (WABA, template, media) from a fixed base per kind. */
  numeric(kind: string, base: bigint): string {
    return String(base + BigInt(this.next(kind)));
  }

  /** A UUID v4-shaped id derived from a counter, for new connections. */
  uuid(kind: string): string {
    const hex = sha256Hex(`${kind}:${this.next(kind)}`);
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** A wamid shaped like Meta's: base64 of a small binary record holding the customer's wa_id. */
  wamid(waId: string, direction: "inbound" | "outbound"): string {
    const serial = this.next("wamid");
    const tag = sha256Hex(`wamid:${direction}:${serial}`).slice(0, 20).toUpperCase();
    const record = Buffer.concat([
      Buffer.from([0x1c, 0x18, waId.length]),
      Buffer.from(waId, "ascii"),
      Buffer.from([0x15, 0x02, 0x00, direction === "inbound" ? 0x12 : 0x11, 0x18, tag.length]),
      Buffer.from(tag, "ascii"),
      Buffer.from([0x00]),
    ]);
    return `wamid.${record.toString("base64")}`;
  }

  reset(): void {
    this.counters.clear();
  }
}

export function sha256Hex(input: string | Buffer): string {
  return createHash("sha256").update(input).digest("hex");
}

/** Meta's fbtrace_id: an opaque 23-character token, random like the real one. */
export function fbtraceId(): string {
  return randomBytes(18).toString("base64").replace(/[+/=]/g, "A").slice(0, 23);
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}
