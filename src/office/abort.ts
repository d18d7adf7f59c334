// Cancelling a long action: the error every step throws (DOMException "AbortError", what fetch and
// AbortSignal.throwIfAborted use), so the pane tells a cancel from a failure by its name alone.

export function abortError(): Error {
  return new DOMException("已取消", "AbortError");
}

/** A cancel, told from a failure by its name alone. */
export function isAbort(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
