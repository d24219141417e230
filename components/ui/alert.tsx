import type { ReactNode } from "react";

const TONES = { error: "alert-error", warning: "alert-warning", info: "alert-info", success: "alert-success" } as const;

/**
 * A message box. `live` makes it announced when it appears (errors after an action); a message
 * that is part of the page as rendered stays silent, so nothing is announced on every keystroke.
 */
export function Alert({ tone = "info", live = false, children, className, testId }: { tone?: keyof typeof TONES; live?: boolean; children: ReactNode; className?: string; testId?: string }) {
  const role = live ? (tone === "error" ? "alert" : "status") : undefined;
  return (
    <div role={role} className={`${TONES[tone]} ${className ?? ""}`} data-testid={testId}>
      {children}
    </div>
  );
}
