import { DEMO_APP_SECRET, DEMO_MATON_API_KEY, DEMO_SIM_PORT } from "@/lib/whatsapp/demo";

export type OverrideSigning = "app-secret" | "maton";
export type SimulatorLog = boolean | "warnings";

export interface SimulatorOptions {
  /** 0 = random free port; default 4010. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** The Maton key accepted; default DEMO_MATON_API_KEY. */
  apiKey?: string;
  /** Signs deliveries ("own Meta app" mode); default DEMO_APP_SECRET. */
  appSecret?: string;
  /** The app's default callback (SIM_WEBHOOK_URL); null = Maton's own callback: deliveries are recorded, not sent. */
  webhookUrl?: string | null;
  /** Delay before a PENDING template is decided; default 5000. */
  templateReviewMs?: number;
  /** Delays after an accepted send; defaults 300/800/1500 ms. */
  statusDelaysMs?: { sent: number; delivered: number; read: number };
  /** Default 1000 ms base, 8 attempts. */
  webhookRetry?: { baseMs: number; maxAttempts: number };
  /** Default 10. */
  rateLimitPerSecond?: number;
  /** true: a line per request on stdout and warnings (failed webhook deliveries) on stderr; "warnings": those only; default false. */
  log?: SimulatorLog;
  /** Base of connect-page and media URLs; default http://{host}:{port}. */
  publicUrl?: string;
  /** How deliveries to an override URI are signed: with appSecret, or with a secret only "Maton" knows. */
  overrideSigning?: OverrideSigning;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  apiKey: string;
  appSecret: string;
  webhookUrl: string | null;
  templateReviewMs: number;
  statusDelaysMs: { sent: number; delivered: number; read: number };
  webhookRetry: { baseMs: number; maxAttempts: number };
  rateLimitPerSecond: number;
  log: SimulatorLog;
  publicUrl: string | null;
  overrideSigning: OverrideSigning;
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? DEMO_SIM_PORT,
    host: options.host ?? "127.0.0.1",
    apiKey: options.apiKey ?? DEMO_MATON_API_KEY,
    appSecret: options.appSecret ?? DEMO_APP_SECRET,
    webhookUrl: options.webhookUrl === undefined ? null : options.webhookUrl,
    templateReviewMs: options.templateReviewMs ?? 5000,
    statusDelaysMs: options.statusDelaysMs ?? { sent: 300, delivered: 800, read: 1500 },
    webhookRetry: options.webhookRetry ?? { baseMs: 1000, maxAttempts: 8 },
    rateLimitPerSecond: options.rateLimitPerSecond ?? 10,
    log: options.log ?? false,
    publicUrl: options.publicUrl?.replace(/\/$/, "") ?? null,
    overrideSigning: options.overrideSigning ?? "app-secret",
  };
}
