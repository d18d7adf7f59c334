// The commands of `npm run cli -- <name>`. A new command is its file in this folder and ONE line below: the
// name users type, and the import of its file. Commands are loaded when run, so a command that does not
// touch ExcelJS (catalog, score) never pays for loading it.
import type { Command } from "../args";

export const COMMANDS: Record<string, () => Promise<Command>> = {
  catalog: () => import("./catalog").then((m) => m.catalogCommand),
  score: () => import("./score").then((m) => m.scoreCommand),
  summary: () => import("./summary").then((m) => m.summaryCommand),
  check: () => import("./check").then((m) => m.checkCommand),
  template: () => import("./template").then((m) => m.templateCommand),
  platform: () => import("./platform").then((m) => m.platformCommand),
  publicity: () => import("./publicity").then((m) => m.publicityCommand),
  feedback: () => import("./feedback").then((m) => m.feedbackCommand),
  review: () => import("./review").then((m) => m.reviewCommand),
};
