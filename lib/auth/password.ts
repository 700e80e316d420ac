import bcrypt from "bcryptjs";

/** bcrypt cost: ~250 ms a hash on this hardware, slow for guessing, fine for a sign-in. */
const COST = 12;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 72; // bcrypt ignores bytes past 72

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Compared against when no user matches, so an unknown email costs as long as a wrong password. */
export const TIMING_DUMMY_HASH = "$2b$12$ysET.e1eb1BFsFIQGqHuWuv.33bURYtTWFWTallRZ8vA542FBCMvq";
