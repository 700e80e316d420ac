/**
 * Values that demo mode (no MATON_API_KEY) and the local simulator agree on, so that
 * `npm run demo` works without anyone configuring keys or secrets. Never used in production.
 */
export const DEMO_MATON_API_KEY = "demo-maton-key-not-secret";
export const DEMO_APP_SECRET = "demo-app-secret-not-secret";
export const DEMO_VERIFY_TOKEN = "demo-verify-token";
export const DEMO_SIM_PORT = 4010;
export const GRAPH_API_VERSION = "v21.0";
