// The certificate as a one-page PDF (pdfkit), streamed to the response. Uncompressed: a certificate is a few KB
// either way, and tests (and anyone) can read its text.
import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import type { Certificate } from '../../shared/course-projects';

/** A readable PDF stream of the certificate; the caller pipes it and nothing else ends it. */
export function certificatePdf(cert: Certificate<Date>, pageUrl: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    compress: false,
    info: {
      Title: `Certificate of completion: ${cert.name}, ${cert.courseTitle}`,
      Subject: pageUrl,
      Author: 'Commons',
    },
  });
  const { width, height } = doc.page;
  doc
    .rect(24, 24, width - 48, height - 48)
    .lineWidth(2)
    .stroke('#1f3a5f');
  doc.moveDown(4);
  doc.font('Helvetica').fontSize(16).fillColor('#555').text('Certificate of completion', { align: 'center' });
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(36).fillColor('#111').text(cert.name, { align: 'center' });
  doc.moveDown(1);
  doc.font('Helvetica').fontSize(16).fillColor('#333').text('has completed the course', { align: 'center' });
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(24).text(cert.courseTitle, { align: 'center' });
  doc.moveDown(1);
  const issued = DateTime.fromJSDate(cert.issuedAt, { zone: 'utc' }).toFormat('d LLLL yyyy');
  const cohort = cert.cohortId ? ` · cohort ${cert.cohortId}` : '';
  doc.font('Helvetica').fontSize(12).fillColor('#555').text(`${issued}${cohort} · ${cert.points} points`, {
    align: 'center',
  });
  doc.moveDown(3);
  doc.fontSize(10).text(`Verify at ${pageUrl}`, { align: 'center', link: pageUrl });
  doc.end();
  return doc;
}
