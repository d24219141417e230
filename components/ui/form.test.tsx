import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { Field, FieldSet } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";
import type { ActionResult } from "@/lib/auth/action";
import { describeFailure } from "@/lib/auth/failure";
import { AppError } from "@/lib/errors";
import { messagesFor } from "@/lib/i18n/catalogs";
import type { Locale } from "@/lib/i18n/translate";
import { inputFromFormData } from "@/lib/validation/form-data";
import { ZCreateSite } from "@/lib/validation/site";

afterEach(cleanup);

/** The action pipeline of `defineAction` without the session: FormData → schema → result. */
async function parseSite(formData: FormData): Promise<ActionResult<{ id: string }>> {
  const parsed = ZCreateSite.safeParse(inputFromFormData(ZCreateSite, formData));
  return parsed.success ? { ok: true, data: { id: "s1" } } : { ok: false, error: describeFailure(parsed.error) };
}

function SiteForm({ action, locale = "en" }: { action: FormAction<unknown>; locale?: Locale }) {
  return (
    <I18nProvider locale={locale} messages={messagesFor(locale)}>
      <ActionForm action={action} label="Add a site" saved="Site added.">
        <Field name="code" label="Code">
          <input className="input" />
        </Field>
        <Field name="name" label="Name">
          <input className="input" />
        </Field>
        <Field name="country" label="Country">
          <input className="input" />
        </Field>
        <FieldSet name="siteIds" legend="Sites">
          <input type="checkbox" name="siteIds" value="a" aria-label="Site A" />
        </FieldSet>
        <SubmitButton>Create</SubmitButton>
      </ActionForm>
    </I18nProvider>
  );
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("ActionForm", () => {
  it("ties a field error to its input, announces it once and focuses the field", async () => {
    render(<SiteForm action={parseSite} />);
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "bad code!" } });
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Hospital" } });
    fireEvent.change(screen.getByLabelText("Country"), { target: { value: "China" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create" })));

    const code = screen.getByLabelText("Code");
    await waitFor(() => expect(code.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = code.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)?.textContent).toBe("Code: letters, digits, - and _ only");
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBe("false");
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    expect(screen.getByRole("alert").textContent).toBe("Check the highlighted fields (1).");
    expect(document.activeElement).toBe(code);
    // what the reader typed survives the refusal
    expect((code as HTMLInputElement).value).toBe("bad code!");
  });

  it("announces once per submission: typing afterwards keeps the same alert, a new submission replaces it", async () => {
    render(<SiteForm action={parseSite} />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create" })));
    const first = await screen.findByRole("alert");
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "S" } });
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "SH" } });
    expect(screen.getByRole("alert")).toBe(first);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create" })));
    await waitFor(() => expect(screen.getByRole("alert")).not.toBe(first));
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });

  it("clears the pending state when the action throws, and says nothing was saved", async () => {
    const call = deferred<ActionResult<unknown>>();
    render(<SiteForm action={() => call.promise} />);
    const button = screen.getByRole("button", { name: "Create" });
    await act(async () => fireEvent.click(button));
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
    await act(async () => call.reject(new TypeError("Failed to fetch")));
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByRole("alert").textContent).toBe("The server could not be reached. Nothing was saved; try again.");
  });

  it("shows a server refusal in Chinese next to its field, with no English", async () => {
    const refusal = describeFailure(new AppError("bad_request", "siteIds: only investigators are assigned to sites", "siteIds", { key: "refusal.onlyInvestigatorsHaveSites" }));
    render(<SiteForm locale="zh-CN" action={async () => ({ ok: false, error: refusal })} />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create" })));
    const group = await screen.findByRole("group", { name: "Sites" });
    expect(document.getElementById(group.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Sites: 只有研究者才分配到研究中心。");
    expect(document.activeElement).toBe(group);
    expect(document.body.textContent).not.toContain("only investigators");
  });

  it("shows a refusal that names no field as the form error, parameters translated", async () => {
    const refusal = describeFailure(new AppError("unprocessable", "Plan version 2 is already active.", undefined, { key: "refusal.planAlreadyDecided", params: { version: 2, status: "ACTIVE" } }));
    render(<SiteForm locale="zh-CN" action={async () => ({ ok: false, error: refusal })} />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create" })));
    expect((await screen.findByRole("alert")).textContent).toBe("随访计划版本 2 的状态已为生效。");
  });

  it("reports the saved status after a successful submission", async () => {
    render(<SiteForm action={async () => ({ ok: true, data: null })} />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create" })));
    expect((await screen.findByRole("status")).textContent).toBe("Site added.");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows a field message that names its field once (no \"Password: password: …\")", async () => {
    // The API's English messages start with their field; under the field's label that doubled it.
    const refusal: ActionResult<unknown> = { ok: false, error: { code: "forbidden", message: "password: the password is not correct", field: "password", fieldErrors: [{ field: "password", message: "password: the password is not correct" }] } };
    render(
      <I18nProvider locale="en" messages={messagesFor("en")}>
        <ActionForm action={async () => refusal} label="Sign">
          <Field name="password" label="Password">
            <input type="password" className="input" />
          </Field>
          <SubmitButton>Sign</SubmitButton>
        </ActionForm>
      </I18nProvider>,
    );
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sign" })));
    const input = screen.getByLabelText("Password");
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Password: the password is not correct");
  });

  it("ties a row's error to the row's input and a group's error to its fieldset (nested names)", async () => {
    const refusal: ActionResult<unknown> = {
      ok: false,
      error: {
        code: "bad_request",
        message: "contactAttempts[1].date: must not be after the status date",
        fieldErrors: [
          { field: "contactAttempts[1].date", message: "must not be after the status date" },
          { field: "contactAttempts", message: "document at least three contact attempts on different dates before declaring the subject lost to follow-up" },
        ],
      },
    };
    render(
      <I18nProvider locale="en" messages={messagesFor("en")}>
        <ActionForm action={async () => refusal} label="Status">
          <FieldSet name="contactAttempts" legend="Contact attempts">
            {[0, 1].map((i) => (
              <Field key={i} name={`contactAttempts[${i}].date`} label={`Date ${i + 1}`}>
                <input type="date" className="input" />
              </Field>
            ))}
          </FieldSet>
          <SubmitButton>Save</SubmitButton>
        </ActionForm>
      </I18nProvider>,
    );
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save" })));
    const second = screen.getByLabelText("Date 2");
    await waitFor(() => expect(second.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByLabelText("Date 1").getAttribute("aria-invalid")).toBe("false");
    expect(document.getElementById(second.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Date 2: must not be after the status date");
    const group = screen.getByRole("group", { name: "Contact attempts" });
    expect(document.getElementById(group.getAttribute("aria-describedby") ?? "")?.textContent).toContain("document at least three contact attempts");
    // both are shown by the form: the summary only counts them
    expect(screen.getByRole("alert").textContent).toBe("Check the highlighted fields (2).");
  });

  it("calls a client function (the sign-in step) with the form's FormData", async () => {
    // A server action passed from a page also posts without JavaScript: the browser test with
    // JavaScript off covers it (tests/e2e/forms.spec.ts).
    let received: FormData | null = null;
    render(
      <SiteForm
        action={async (formData) => {
          received = formData;
          return { ok: true, data: null };
        }}
      />,
    );
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "SH-01" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create" })));
    await screen.findByRole("status");
    expect((received as FormData | null)?.get("code")).toBe("SH-01");
  });

  it("posts a client step natively to `nativeAction` before hydration, and shows the page's `initialError` until a submission", async () => {
    const signIn: FormAction<null> = async () => ({ ok: false, error: { code: "unauthenticated", message: "Sign-in failed.", key: "refusal.signInFailed" } });
    const form = (
      <I18nProvider locale="zh-CN" messages={messagesFor("zh-CN")}>
        <ActionForm action={signIn} nativeAction="/api/auth/callback/credentials" initialError="登录失败。" label="登录">
          <Field name="email" label="电子邮箱">
            <input className="input" />
          </Field>
          <SubmitButton>登录</SubmitButton>
        </ActionForm>
      </I18nProvider>
    );
    // The server's HTML (and a browser without JavaScript): a plain POST to the URL, with the error.
    const html = renderToString(form);
    expect(html).toMatch(/<form [^>]*action="\/api\/auth\/callback\/credentials" method="post"/);
    expect(html).toContain("登录失败。");
    // Hydrated: the client step submits; its refusal replaces the page's error.
    render(form);
    expect(screen.getByRole("alert").textContent).toBe("登录失败。");
    expect(screen.getByRole("form").getAttribute("method")).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "登录" })));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("登录失败。请检查电子邮箱和密码，或稍后再试。"));
  });

  it("shows a schema's field message in Chinese (the field-error table loads with the refusal)", async () => {
    render(<SiteForm locale="zh-CN" action={parseSite} />);
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "bad code!" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create" })));
    const code = screen.getByLabelText("Code");
    await waitFor(() => expect(code.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(code.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Code: 只能包含字母、数字、- 和 _");
  });
});
