import Link from "@/components/ui/link";
import { SectionCard } from "@/components/ui/section-card";
import type { Translate } from "@/lib/i18n/translate";

/**
 * The study page's links to every export (all scoped on the server): the DSUR section (its page
 * offers the CSV and print), the CSV and ODM files, the sites' calendars, and the settings card
 * that makes calendar feed links for calendar applications. components/exports/study-exports-links.test.tsx
 * checks that every export of the OpenAPI document (lib/api/operations-exports.ts) has a link here.
 */
export function StudyExportsLinks({ studyId, sites, t }: { studyId: string; sites: { id: string; code: string; name: string }[]; t: Translate }) {
  const base = `/api/v1/studies/${encodeURIComponent(studyId)}`;
  const files = [
    { href: `${base}/export/subjects.csv`, label: t("exports.subjectsCsv") },
    { href: `${base}/export/visits.csv`, label: t("exports.visitsCsv") },
    { href: `${base}/export/adverse-events.csv`, label: t("exports.adverseEventsCsv") },
    { href: `${base}/export/sample-results.csv`, label: t("exports.sampleResultsCsv") },
    { href: `${base}/export/odm`, label: t("exports.odm") },
  ];
  return (
    <SectionCard title={t("exports.heading")}>
      <p className="text-sm text-slate-600">{t("exports.scopeNote")}</p>
      <Link className="text-blue-700 underline" href={`/studies/${studyId}/reports/dsur`}>
        {t("exports.dsur")}
      </Link>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {files.map((file) => (
          <li key={file.href}>
            <a className="text-blue-700 underline" href={file.href} download>
              {file.label}
            </a>
          </li>
        ))}
      </ul>
      {sites.length > 0 ? (
        <div className="text-sm">
          <p className="font-medium">{t("exports.calendars")}</p>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {sites.map((site) => (
              <li key={site.id}>
                <a className="text-blue-700 underline" href={`/api/v1/sites/${encodeURIComponent(site.id)}/calendar.ics`} download>
                  {t("exports.calendarOf", { site: `${site.code} ${site.name}` })}
                </a>
              </li>
            ))}
          </ul>
          <p className="mt-1">
            <Link className="text-blue-700 underline" href="/settings#calendar-feeds">
              {t("exports.feed.manage")}
            </Link>
          </p>
        </div>
      ) : null}
    </SectionCard>
  );
}
