import { describe, expect, it } from 'vitest';
import { pdfText } from '../../testing/pdf-text';
import { certificatePdf } from './certificate-pdf';

async function bytesOf(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('latin1');
}

describe('certificatePdf', () => {
  it('is a PDF naming the member and the course, in its title and its text', async () => {
    const pdf = await bytesOf(
      certificatePdf(
        {
          name: 'Ada Tester',
          courseTitle: 'Data engineering',
          courseSlug: 'data-engineering',
          cohortId: '2027-spring',
          issuedAt: new Date('2027-03-01T12:00:00Z'),
          points: 12,
          revokedAt: null,
          revokeReason: null,
        },
        'https://commons.example/certificates/AAAAAAAAAAAAAAAAAAAA',
      ),
    );
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf).toContain('Certificate of completion: Ada Tester, Data engineering');
    const text = pdfText(pdf);
    expect(text).toContain('Ada Tester');
    expect(text).toContain('Data engineering');
    expect(text).toContain('1 March 2027 · cohort 2027-spring · 12 points');
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
