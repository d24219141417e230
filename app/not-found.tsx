import { RefusalPage } from "@/components/ui/refusal-page";

/** An address no route matches: outside the app's shell, so the page is its own <main>. */
export default function NotFound() {
  return <RefusalPage kind="notFound" inShell={false} />;
}
