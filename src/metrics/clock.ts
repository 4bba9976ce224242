// The one measurement clock (docs/measurements.md): every timestamp and latency in the tool comes from here, so
// intervals taken by different modules subtract cleanly.
//
// Source: process.hrtime.bigint(), monotonic nanoseconds since an arbitrary, process-wide point (shared by
// worker threads, so their timestamps compare). It is converted to a float number of microseconds; a double
// keeps ~16 significant digits, so the value is exact to the nanosecond for the first ~104 days of the clock
// and better than 10 ns for years — far finer than the 1 µs resolution of the histograms. Never use Date.now()
// for measurement: it is wall time, can jump, and has only millisecond resolution.

const NS_PER_US = 1000;

/** Monotonic time in microseconds (fractional). Only differences between two readings mean anything. */
export function nowUs(): number {
  return Number(process.hrtime.bigint()) / NS_PER_US;
}
