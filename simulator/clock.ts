/** The simulated clock: real time plus an offset that `/_sim/clock` moves forward. */
export class SimClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(seconds: number): number {
    this.offsetMs += Math.round(seconds * 1000);
    return this.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/** ISO-8601 with microseconds and Z, as Maton writes its timestamps. */
export function isoMicros(ms: number, micros = 0): string {
  return new Date(ms).toISOString().replace("Z", `${String(micros % 1000).padStart(3, "0")}Z`);
}
