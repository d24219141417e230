import { DashboardView, type SearchParams } from "@/components/monitoring/dashboard-view";
import { requirePageActor } from "@/lib/auth/page";

/** What a monitor sees is what the database holds now: never cached, never prerendered. */
export const dynamic = "force-dynamic";

/** The monitor's home: the dashboard across the studies they are a member of. */
export default async function MonitorHome({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("home:monitor");
  return <DashboardView actor={actor} searchParams={await searchParams} testId="home-monitor" basePath="/monitor" />;
}
