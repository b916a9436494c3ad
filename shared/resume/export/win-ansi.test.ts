import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { toWinAnsi } from './win-ansi';

let encodable: Set<number>;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  encodable = new Set((await doc.embedFont(StandardFonts.Helvetica)).getCharacterSet());
});

describe('toWinAnsi', () => {
  it('keeps what WinAnsi has: Western accents, typographic quotes and dashes, €, •', () => {
    const text = 'Zoë Ångström — “café” – 100 € • naïve ‘x’ … ™ œ ß';
    expect(toWinAnsi(text, encodable)).toBe(text);
  });

  it('brings other Latin letters to their base letters', () => {
    expect(toWinAnsi('Łódź Dvořák Erdős İstanbul Nguyễn ﬁle Ｆｕｌｌ', encodable)).toBe('Lódz Dvorák Erdos Istanbul Nguyen file Full');
  });

  it('transliterates Cyrillic and Greek, keeping capitals', () => {
    expect(toWinAnsi('Юлия Щукина, Київ', encodable)).toBe('Yuliya Shchukina, Kiyiv');
    expect(toWinAnsi('Αθήνα', encodable)).toBe('Athina');
  });

  it('maps symbols to plain text, drops emoji and invisible marks, and replaces the rest with "?"', () => {
    expect(toWinAnsi('a → b ≥ c − d ‐ e ● f', encodable)).toBe('a -> b >= c - d - e • f');
    expect(toWinAnsi('ship 🚀 it 👩‍💻 now\u200d', encodable)).toBe('ship  it  now');
    expect(toWinAnsi('李雷', encodable)).toBe('??');
  });

  it('never leaves a character the font cannot encode', () => {
    let all = '';
    for (let code = 0x20; code < 0x3000; code += 7) all += String.fromCodePoint(code);
    const out = toWinAnsi(all, encodable);
    for (const char of out) expect(encodable.has(char.codePointAt(0)!)).toBe(true);
  });
});
