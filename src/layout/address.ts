// A1 addresses of the template layout: "F12" from row and column; the column letters are core's one copy.
import { colLetter } from "../core/a1";

export const addr = (row: number, col: number) => `${colLetter(col)}${row}`;
