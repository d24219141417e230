import { RefusalPage } from "@/components/ui/refusal-page";

/** forbidden() outside the app's shell. */
export default function Forbidden() {
  return <RefusalPage kind="forbidden" inShell={false} />;
}
