import { createUserAction, setUserDisabledAction, setUserSitesAction } from "@/app/(app)/sponsor/users/actions";
import { UserForm } from "@/components/sponsor/user-form";
import { UserSitesForm } from "@/components/sponsor/user-sites-form";
import { UserStatusToggle } from "@/components/sponsor/user-status-toggle";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { listUsers } from "@/lib/db/users";
import { getTranslator } from "@/lib/i18n/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";

export default async function UsersPage() {
  const actor = await requirePageActor("user:manage");
  const t = await getTranslator();
  const db = getDb();
  const [users, sites] = await Promise.all([listUsers(db, { actor }), listSites(db, { actor })]);
  const siteOptions = sites.map((s) => ({ id: s.id, code: s.code, name: s.name }));
  return (
    <ClientMessages areas={CLIENT_AREAS.users}>
      <section className="flex flex-col gap-6">
        <PageHeader title={t("users.title")} />
        <DataTable
        minWidth="min-w-[52rem]"
          label={t("users.title")}
          empty={t("common.none")}
          initialSort={{ key: "email", direction: "asc" }}
          columns={[
            { key: "email", header: t("users.email"), sortable: true },
            { key: "name", header: t("users.name"), sortable: true },
            { key: "role", header: t("users.role"), sortable: true },
            { key: "sites", header: t("users.sites") },
            { key: "status", header: t("users.status"), sortable: true },
            { key: "toggle", header: t("users.disable"), srOnly: true },
          ]}
          rows={users.map((user) => ({
            key: user.id,
            sort: { email: user.email, name: user.name, role: t(`role.${user.role}`), status: user.disabledAt ? 1 : 0 },
            cells: {
              email: <span className="break-words">{user.email}</span>,
              name: user.name,
              role: t(`role.${user.role}`),
              sites: (
                <>
                  {user.sites.map((s) => s.site.code).join(", ") || t("common.none")}
                  {user.role === "INVESTIGATOR" ? <UserSitesForm action={setUserSitesAction} userId={user.id} email={user.email} sites={siteOptions} selected={user.sites.map((s) => s.site.id)} /> : null}
                </>
              ),
              status: user.disabledAt ? <StatusBadge status="DISABLED">{t("users.disabled")}</StatusBadge> : <StatusBadge status="ACTIVE">{t("users.active")}</StatusBadge>,
              toggle: user.id === actor.id ? null : <UserStatusToggle action={setUserDisabledAction} userId={user.id} disabled={Boolean(user.disabledAt)} />,
            },
          }))}
        />
        <UserForm action={createUserAction} sites={siteOptions} />
      </section>
    </ClientMessages>
  );
}
