/** `npm run db:migrate`: applies the committed migrations to the configured database. */
import { openDatabase } from "@/db/client";
import { databaseConfig } from "@/db/index";

const config = databaseConfig();
const handle = await openDatabase(config);
try {
  await handle.migrate();
  console.log(`Migrations applied (${handle.driver}).`);
} finally {
  await handle.close();
}
