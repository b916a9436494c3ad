/**
 * Turns the small HTML dialect mammoth writes for a DOCX (headings,
 * paragraphs, lists, tables, inline emphasis) into lines of text, without a
 * DOM (there is none in a worker). List items keep a bullet; a table row
 * whose cells each hold one line becomes one tab-separated line, while a row
 * of multi-paragraph cells (a sidebar layout) is read cell by cell.
 */
const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'div', 'blockquote', 'pre', 'dt', 'dd']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

interface Cell {
  lines: string[];
}
interface Row {
  cells: Cell[];
}

export function htmlToLines(html: string): string[] {
  const out: string[] = [];
  // Where finished lines go: the document, or the innermost open table cell.
  const sinks: string[][] = [out];
  const rows: Row[] = [];
  let current = '';

  const flush = () => {
    const text = decodeEntities(current).replace(/\s+/g, ' ').trim();
    current = '';
    if (text) sinks[sinks.length - 1]!.push(text);
  };

  const tokens = html.split(/(<[^>]*>)/);
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      current += token;
      continue;
    }
    const match = /^<(\/?)([a-z0-9]+)/i.exec(token);
    if (!match) continue;
    const closing = match[1] === '/';
    const tag = match[2]!.toLowerCase();
    if (tag === 'br') {
      flush();
    } else if (BLOCK.has(tag)) {
      flush();
      if (tag === 'li' && !closing) current = '• ';
    } else if (tag === 'ul' || tag === 'ol' || tag === 'table') {
      flush();
    } else if (tag === 'tr') {
      flush();
      if (!closing) rows.push({ cells: [] });
      else {
        const row = rows.pop();
        if (row) {
          const sink = sinks[sinks.length - 1]!;
          if (row.cells.every((c) => c.lines.length <= 1)) {
            const line = row.cells.map((c) => c.lines[0] ?? '').join('\t').trim();
            if (line) sink.push(line);
          } else {
            for (const cell of row.cells) sink.push(...cell.lines);
          }
        }
      }
    } else if (tag === 'td' || tag === 'th') {
      flush();
      if (!closing) {
        const cell: Cell = { lines: [] };
        rows[rows.length - 1]?.cells.push(cell);
        sinks.push(cell.lines);
      } else if (sinks.length > 1) {
        sinks.pop();
      }
    }
  }
  flush();
  return out;
}
