// Moved to src/core/fileNames.ts (the review recognises sheets by the same names).
export { sheetNameOf, templateFileName } from "../core/fileNames";
