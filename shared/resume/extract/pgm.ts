/**
 * Turns RGBA pixels into a binary PGM (P5) image. Tesseract reads PNM without
 * any codec, so this skips a PNG encode of every rendered page (hundreds of ms
 * at 300 dpi) in both the browser and Node.
 */
export function rgbaToPgm(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height);
  out.set(header, 0);
  let o = header.length;
  for (let i = 0; i < width * height * 4; i += 4) {
    const a = rgba[i + 3]! / 255;
    // Luma over a white background: transparent pixels of an unpainted page come out white.
    const y = 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
    out[o++] = Math.round(y * a + 255 * (1 - a));
  }
  return out;
}
