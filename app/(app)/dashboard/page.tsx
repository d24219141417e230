import { DashboardView, type SearchParams } from "@/components/monitoring/dashboard-view";
import { requirePageActor } from "@/lib/auth/page";

/** Safety data is never cached: rendered from the database on every request. */
export const dynamic = "force-dynamic";

/** The same dashboard for investigators (their sites) and sponsor administrators (their organisation). */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("dashboard:read");
  return <DashboardView actor={actor} searchParams={await searchParams} testId="dashboard" basePath="/dashboard" />;
}
