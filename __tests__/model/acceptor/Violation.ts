/** A place where the run contradicts the documented semantics. */
export interface Violation {
  /** A short stable name of the rule, e.g. `start-after-cancel`. */
  readonly rule: string;
  /** Position and virtual time of the log entry where it showed. */
  readonly pos: number;
  readonly t: number;
  readonly message: string;
}
