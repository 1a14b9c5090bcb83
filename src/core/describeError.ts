// The one place that turns an error into words for Candor's log, notifications
// and the view's error banner. Every `String(error)` or `error.message` that
// reaches a person goes through here.

/** A short description of `error`, for logs and messages. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
