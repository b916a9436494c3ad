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
  const end = width * height * 4;
  for (let i = 0; i < end; i += 4) {
    // Integer luma (0.299, 0.587, 0.114 in 1/65536ths, summing to 65536 so grey stays exact): a page is
    // millions of pixels, and float maths here cost tens of milliseconds a page.
    const y = (19595 * rgba[i]! + 38470 * rgba[i + 1]! + 7471 * rgba[i + 2]! + 32768) >> 16;
    const a = rgba[i + 3]!;
    // Over a white background: transparent pixels of an unpainted page come out white.
    out[o++] = a === 255 ? y : (y * a + 255 * (255 - a) + 127) / 255;
  }
  return out;
}
