import { RefusalPage } from "@/components/ui/refusal-page";

/** notFound() from a page of the app (a record outside the reader's sites, say): inside the shell's <main>. */
export default function NotFound() {
  return <RefusalPage kind="notFound" inShell />;
}
