import { defineConfig } from "prisma/config";
import { MigrationPgAdapterFactory } from "./prisma/migration-adapter";

// Prisma 6.19 with the JS schema engine: migrations run offline through a pg driver adapter.
// The prisma CLI is called through lib/cli/prisma.ts, which sets the engine variables it needs.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (lib/cli/prisma.ts sets it for the embedded database)");
    return new MigrationPgAdapterFactory(url);
  },
});
