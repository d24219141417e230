import { UserForm } from "@/components/sponsor/user-form";
import { UserSitesForm } from "@/components/sponsor/user-sites-form";
import { UserStatusToggle } from "@/components/sponsor/user-status-toggle";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { listUsers } from "@/lib/db/users";
import { getTranslator } from "@/lib/i18n/server";

export default async function UsersPage() {
  const actor = await requirePageActor("user:manage");
  const t = await getTranslator();
  const db = getDb();
  const [users, sites] = await Promise.all([listUsers(db, { actor }), listSites(db, { actor })]);
  const siteOptions = sites.map((s) => ({ id: s.id, code: s.code, name: s.name }));
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("users.title")}</h1>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("users.email")}</th>
            <th scope="col">{t("users.name")}</th>
            <th scope="col">{t("users.role")}</th>
            <th scope="col">{t("users.sites")}</th>
            <th scope="col">{t("users.status")}</th>
            <th scope="col">
              <span className="sr-only">{t("users.disable")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.email}</td>
              <td>{user.name}</td>
              <td>{t(`role.${user.role}`)}</td>
              <td>
                {user.sites.map((s) => s.site.code).join(", ") || t("common.none")}
                {user.role === "INVESTIGATOR" ? (
                  <UserSitesForm userId={user.id} email={user.email} sites={siteOptions} selected={user.sites.map((s) => s.site.id)} />
                ) : null}
              </td>
              <td>{user.disabledAt ? t("users.disabled") : t("users.active")}</td>
              <td>{user.id === actor.id ? null : <UserStatusToggle userId={user.id} disabled={Boolean(user.disabledAt)} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <UserForm sites={siteOptions} />
    </section>
  );
}
