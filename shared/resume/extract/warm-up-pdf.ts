/**
 * A one-page PDF with a few lines of text, built in code: reading it once
 * when the parse worker starts loads pdf.js's worker code and runs the
 * pipeline's parser, text and section paths through the JIT before a
 * person's file arrives.
 */
export function warmUpPdf(): Uint8Array {
  // Enough text for the whole pipeline to take it as a resume (the section parser runs too).
  const lines = ['Jane Doe - Senior Software Engineer', 'Experience: Example Corp, 2019 - Present', 'Skills: TypeScript, PostgreSQL, Kubernetes'];
  const stream = `BT /F1 12 Tf 14 TL 72 720 Td ${lines.map((line) => `(${line}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    // Not a standard-14 name: pdf.js would try to fetch that font's data, which the extension does not ship.
    '<< /Type /Font /Subtype /Type1 /BaseFont /WarmUpSans >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
