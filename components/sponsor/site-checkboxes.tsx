"use client";

import { FieldSet } from "@/components/ui/field";

/** The organisation's sites as checkboxes named `siteIds`, with the field's error (study, user and site-assignment forms). */
export function SiteCheckboxes({
  legend,
  sites,
  selected = [],
  error,
  className,
}: {
  legend: string;
  sites: { id: string; code: string; name: string }[];
  selected?: string[];
  /** Outside an `ActionForm`; inside one the form supplies the error of `siteIds`. */
  error?: string;
  className?: string;
}) {
  return (
    <FieldSet name="siteIds" legend={legend} error={error} className={className}>
      <div className="flex flex-wrap gap-4">
        {sites.map((site) => (
          <label key={site.id} className="flex items-center gap-1 text-sm">
            <input type="checkbox" name="siteIds" value={site.id} defaultChecked={selected.includes(site.id)} />
            {site.code} — {site.name}
          </label>
        ))}
      </div>
    </FieldSet>
  );
}
