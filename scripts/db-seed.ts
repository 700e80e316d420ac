/** `npm run db:seed`: creates the demo users (one per role); existing users are left alone. */
import { openDatabase } from "@/db/client";
import { databaseConfig } from "@/db/index";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from "@/db/seed";

const handle = await openDatabase(databaseConfig());
try {
  await handle.migrate();
  const created = await seedDemoUsers(handle.db);
  console.log(`Demo users ready (${created} new), password "${DEMO_PASSWORD}":`);
  for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(8)} ${user.email}`);
} finally {
  await handle.close();
}
