// The time Candor dates events, closes days and applies retention by.
//
// The wall clock (Date.now) can jump: a user or NTP sets it, a VM resumes, a
// dual-boot machine mixes local time and UTC. Dating by a jumped clock would
// move events to another day, close a day before it ends, build a report for a
// future day, or purge data by retention that a jump undone a minute later
// would have kept. The monotonic clock (performance.now) never jumps, so:
//
//  - Trusted time follows the monotonic clock from an anchor on the wall clock.
//    While the wall clock agrees with that projection (within JUMP_TOLERANCE_MS,
//    which absorbs NTP slewing), trusted time is the wall clock and the anchor
//    moves with it.
//  - When the wall clock disagrees (a jump either way), trusted time keeps
//    following the projection, so events stay on the day they really happen,
//    no day is closed early and retention does not move.
//  - A disagreement is adopted only once the wall clock has kept the same
//    offset for ADOPT_AFTER_MS of monotonic time: then the old clock was wrong
//    (the user corrected it) or the machine was suspended (the monotonic clock
//    stops during suspend). A jump that is undone, or replaced by another one,
//    within that time is never adopted.
//  - Between adoptions trusted time never goes backwards, so a day once passed
//    is not reopened and none is closed twice.
//
// Limits: trusted time lives in one process; a window started while the clock
// is wrong trusts that clock (the store's day-closing still only closes days
// strictly before the trusted day, so it never builds a report for a day that
// has not ended by that clock). After a suspend, events are dated by the
// projection for up to ADOPT_AFTER_MS.

/** Disagreements smaller than this are drift, not a jump. */
export const JUMP_TOLERANCE_MS = 2 * 60_000;
/** How long a jumped wall clock must hold its offset before it is believed. */
export const ADOPT_AFTER_MS = 10 * 60_000;

export interface ClockSources {
  /** Wall-clock time, epoch milliseconds (jumps). */
  readonly wallMs: () => number;
  /** Monotonic milliseconds from any origin (never jumps). */
  readonly monoMs: () => number;
}

export type ClockNotice =
  | { readonly kind: 'jump'; readonly offsetMs: number }
  | { readonly kind: 'adopted'; readonly offsetMs: number }
  | { readonly kind: 'agrees' };

export interface TrustedClockOptions {
  readonly sources?: ClockSources;
  readonly toleranceMs?: number;
  readonly adoptAfterMs?: number;
  /** Told when the wall clock starts or stops disagreeing, or a jump is adopted. Never throws into `now()`. */
  readonly onNotice?: (notice: ClockNotice) => void;
}

const systemSources: ClockSources = { wallMs: () => Date.now(), monoMs: () => performance.now() };

export class TrustedClock {
  private readonly sources: ClockSources;
  private readonly toleranceMs: number;
  private readonly adoptAfterMs: number;
  private anchorWall: number;
  private anchorMono: number;
  private last: number;
  /** The offset (wall − projection) now being held, and since when (monotonic). */
  private disagreement: { offsetMs: number; sinceMono: number } | undefined;

  constructor(private readonly options: TrustedClockOptions = {}) {
    this.sources = options.sources ?? systemSources;
    this.toleranceMs = options.toleranceMs ?? JUMP_TOLERANCE_MS;
    this.adoptAfterMs = options.adoptAfterMs ?? ADOPT_AFTER_MS;
    this.anchorWall = this.sources.wallMs();
    this.anchorMono = this.sources.monoMs();
    this.last = this.anchorWall;
  }

  /** Trusted epoch milliseconds. Cheap, synchronous, never throws. */
  readonly now = (): number => {
    const wall = this.sources.wallMs();
    const mono = this.sources.monoMs();
    const projected = this.anchorWall + (mono - this.anchorMono);
    const offset = wall - projected;
    let result: number;
    if (Math.abs(offset) <= this.toleranceMs) {
      if (this.disagreement !== undefined) {
        this.tell({ kind: 'agrees' });
      }
      this.disagreement = undefined;
      this.anchor(wall, mono);
      result = wall;
    } else if (this.disagreement === undefined || Math.abs(offset - this.disagreement.offsetMs) > this.toleranceMs) {
      // A new jump (or a different one): start timing it.
      this.disagreement = { offsetMs: offset, sinceMono: mono };
      this.tell({ kind: 'jump', offsetMs: offset });
      result = projected;
    } else if (mono - this.disagreement.sinceMono >= this.adoptAfterMs) {
      this.tell({ kind: 'adopted', offsetMs: offset });
      this.disagreement = undefined;
      this.anchor(wall, mono);
      this.last = wall; // an adopted jump may go backwards
      return wall;
    } else {
      result = projected;
    }
    this.last = Math.max(this.last, result);
    return this.last;
  };

  /** Whether the wall clock currently disagrees with trusted time. */
  get jumped(): boolean {
    return this.disagreement !== undefined;
  }

  private anchor(wall: number, mono: number): void {
    this.anchorWall = wall;
    this.anchorMono = mono;
  }

  private tell(notice: ClockNotice): void {
    try {
      this.options.onNotice?.(notice);
    } catch {
      // A failing listener must not break timekeeping.
    }
  }
}
