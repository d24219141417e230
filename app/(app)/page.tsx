import { redirect } from "next/navigation";
import { homePathFor } from "@/components/shell/nav-items";
import { requirePageActor } from "@/lib/auth/page";

export default async function Home() {
  redirect(homePathFor(await requirePageActor()));
}
