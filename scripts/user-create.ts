/**
 * `npm run user:create -- --email ana@example.com --name "Ana" --role admin`
 * Creates a user; the password comes from NEW_USER_PASSWORD or is asked for.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";

import { openDatabase } from "@/db/client";
import { databaseConfig } from "@/db/index";
import { insertUser } from "@/db/queries/users";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { isRole, ROLES } from "@/lib/auth/permissions";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" } },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) fail("--email: give the new user's email address.");
if (!isRole(values.role)) fail(`--role: one of ${ROLES.join(", ")}.`);

let password = process.env.NEW_USER_PASSWORD;
if (!password) {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  password = await prompt.question(`Password for ${values.email} (${PASSWORD_MIN_LENGTH}+ characters): `);
  prompt.close();
}
if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
  fail(`The password must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`);
}

const handle = await openDatabase(databaseConfig());
try {
  await handle.migrate();
  const user = await insertUser(handle.db, {
    email: values.email,
    name: values.name ?? values.email.split("@")[0]!,
    role: values.role,
    passwordHash: await hashPassword(password),
  });
  if (!user) fail(`A user with the email ${values.email} already exists.`);
  console.log(`Created ${user.role} ${user.email}.`);
  if (user.role !== "admin") {
    console.log("They work in no WhatsApp connection yet: an admin gives access on Settings › Users.");
  }
} finally {
  await handle.close();
}
