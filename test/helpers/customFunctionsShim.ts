// A minimal CustomFunctions global, as Excel's runtime provides it (CustomFunctionsRuntime 1.2), so that
// src/functions/functions.ts can be called in Node. Only Error and ErrorCode are needed.
export class ShimError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export function installCustomFunctionsShim(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: ShimError, ErrorCode };
}
