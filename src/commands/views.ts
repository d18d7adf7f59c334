// The task pane's views and how a ribbon button asks for one. Shared by commands.ts (which registers the
// ribbon actions) and the task pane, without the pane importing the registration side effect.

export const CREDIT_NAVIGATE_EVENT = "credit:navigate";
export const CREDIT_VIEW_KEY = "credit.view";

export const VIEWS = ["template", "check", "import", "platform", "assess", "summary", "help"] as const;
export type CreditView = (typeof VIEWS)[number];

export function isView(s: unknown): s is CreditView {
  return typeof s === "string" && (VIEWS as readonly string[]).includes(s);
}
