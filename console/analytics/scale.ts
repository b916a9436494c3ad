/** The numbers behind the analytics charts' axes, pure. */

/** A round top for an axis at or above `max`: 1, 2 or 5 times a power of ten (0 stays 1, so an empty chart still has an axis). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= max) ?? 10;
  return step * power;
}

/** Evenly spaced axis marks from 0 to `top`; by default as many as keep a top from niceMax on round steps (10: 0, 2, 4…; 20: 0, 5, 10…). */
export function ticks(top: number, count = intervalsFor(top)): number[] {
  return Array.from({ length: count + 1 }, (_, index) => Math.round((top * index * 1000) / count) / 1000);
}

/** A label cut to `max` characters with an ellipsis (the full one stays in the table). */
export function fitLabel(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

function intervalsFor(top: number): number {
  const leading = Math.round(top / 10 ** Math.floor(Math.log10(top)));
  return leading === 2 ? 4 : 5;
}
