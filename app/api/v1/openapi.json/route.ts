import { buildOpenApiDocument } from "@/lib/api/openapi";
import { defineRoute } from "@/lib/auth/route";

export const GET = defineRoute({
  permission: "me:read",
  handler: async () => buildOpenApiDocument(),
});
