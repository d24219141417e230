import { RefusalPage } from "@/components/ui/refusal-page";

/** forbidden() from a page of the app (a role without the permission): inside the shell's <main>. */
export default function Forbidden() {
  return <RefusalPage kind="forbidden" inShell />;
}
