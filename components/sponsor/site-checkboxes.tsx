"use client";

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
  error?: string;
  className?: string;
}) {
  return (
    <fieldset className={className}>
      <legend className="label">{legend}</legend>
      <div className="flex flex-wrap gap-4">
        {sites.map((site) => (
          <label key={site.id} className="flex items-center gap-1 text-sm">
            <input type="checkbox" name="siteIds" value={site.id} defaultChecked={selected.includes(site.id)} />
            {site.code} — {site.name}
          </label>
        ))}
      </div>
      {error ? (
        <p role="alert" className="field-error">
          {legend}: {error}
        </p>
      ) : null}
    </fieldset>
  );
}
