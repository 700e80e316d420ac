/**
 * Auth.js's session cookie decoder with a memory of the cookies it has verified. A browser sends
 * the same cookie with every request until it signs out; decoding it (a key derivation, then an
 * AES-CBC decryption and an HMAC check through WebCrypto's thread pool) cost about 1 ms twice per
 * page, in the proxy and on the page. A cookie verified once is taken as verified while its expiry
 * (checked at each use, with Auth.js's 15 s tolerance) has not passed. The memory is keyed by the
 * cookie's exact text, salt and secret, so nothing but that very cookie can match; it holds at most
 * {@link MAX_REMEMBERED} cookies, the least recently used leaving first. It only vouches for the
 * cookie's claims: whether the session is still active is always the database's answer.
 */
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

const MAX_REMEMBERED = 2000;
/** Auth.js decodes with jose's `clockTolerance: 15` (seconds). */
const CLOCK_TOLERANCE_SECONDS = 15;

interface Remembered {
  secret: JWTDecodeParams["secret"];
  claims: JWT & { exp: number };
}

// On globalThis: the proxy and the pages are separate bundles in one process, and share it.
const globalForTokens = globalThis as unknown as { verifiedSessionTokens?: Map<string, Remembered> };
const remembered = (globalForTokens.verifiedSessionTokens ??= new Map<string, Remembered>());

/** `decode` of `next-auth/jwt` (pass it as getToken's `decode`): the same answers, the same errors. */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, salt, secret } = params;
  if (!token) return null;
  const key = `${salt}\n${token}`;
  const known = remembered.get(key);
  if (known && sameSecret(known.secret, secret)) {
    remembered.delete(key);
    if (stillValid(known.claims)) {
      // Most recently used last: the first entry is the one to forget when full.
      remembered.set(key, known);
      return { ...known.claims };
    }
  }
  const claims = await decode(params);
  if (claims && typeof claims.exp === "number" && claims.nbf === undefined) {
    remembered.set(key, { secret, claims: { ...claims, exp: claims.exp } });
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  }
  return claims;
}

/** jose's expiry rule, as decoding would apply it now. */
function stillValid(claims: { exp: number }): boolean {
  return claims.exp > Math.floor(Date.now() / 1000) - CLOCK_TOLERANCE_SECONDS;
}

function sameSecret(a: JWTDecodeParams["secret"], b: JWTDecodeParams["secret"]): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
