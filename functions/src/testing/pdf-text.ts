// The text of an uncompressed pdfkit PDF, for tests: pdfkit writes each line as `[<hex> kerning <hex> …] TJ` in
// the font's (WinAnsi) codes, so the line's text is its hex runs joined and decoded.
export function pdfText(pdf: string): string {
  return [...pdf.matchAll(/\[([^\]]*)\] TJ/g)]
    .map(([, runs]) =>
      [...runs!.matchAll(/<([0-9a-f]*)>/gi)].map(([, hex]) => Buffer.from(hex!, 'hex').toString('latin1')).join(''),
    )
    .join('\n');
}
