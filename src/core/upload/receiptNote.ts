// The `note` of an upload receipt comes from a closed set of shapes made here,
// so a receipt never holds free text from a server. Today there is one shape:
// the number of data points an OTLP collector rejected in a partial success.

const REJECTED_POINTS = /^otlp-rejected-points:(\d{1,10})$/;

export function rejectedPointsNote(count: number): string {
  return `otlp-rejected-points:${Math.max(0, Math.floor(count))}`;
}

/** What a stored note says, or undefined for a note of an unknown shape (it is then not shown). */
export function readReceiptNote(note: string | undefined): { readonly rejectedDataPoints: number } | undefined {
  const match = note === undefined ? null : REJECTED_POINTS.exec(note);
  return match?.[1] === undefined ? undefined : { rejectedDataPoints: Number(match[1]) };
}
