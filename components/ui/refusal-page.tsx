import Link from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";

/**
 * The not-found and forbidden pages. Inside the app's shell (a page called notFound() or
 * forbidden()) the shell already holds the page's <main>, so the body is a section; on its own
 * (an unknown address, outside the shell) it is the <main> itself. One main landmark either way.
 */
export async function RefusalPage({ kind, inShell }: { kind: "notFound" | "forbidden"; inShell: boolean }) {
  const t = await getTranslator();
  const Root = inShell ? "section" : "main";
  return (
    <Root className="mx-auto flex max-w-xl flex-col gap-4 p-8" data-testid={kind === "forbidden" ? "forbidden" : "not-found"}>
      <PageHeader title={t(`${kind}.title`)} description={t(`${kind}.body`)} />
      <Link className="text-blue-700 underline" href="/">
        {t("forbidden.home")}
      </Link>
    </Root>
  );
}
