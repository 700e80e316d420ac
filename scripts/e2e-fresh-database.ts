/** Creates an empty PostgreSQL database for an end-to-end run: `tsx scripts/e2e-fresh-database.ts <url>`. */
import postgres from "postgres";

const target = new URL(process.argv[2] ?? "");
const name = target.pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a database name I will recreate: "${name}"`);
const server = new URL(target);
server.pathname = "/postgres";
const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
try {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
} finally {
  await admin.end();
}
