import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import type { Shipment } from '../domain/shipment.ts';
import { WAREHOUSE } from '../domain/shipping-zones.ts';

/** A6 portrait in PDF points: the common size of a parcel label. */
const A6 = { width: 297.64, height: 419.53 };
const MARGIN = 16;

/**
 * The PDF's built-in Helvetica covers Windows-1252 only, so text is written as a carrier's
 * label printer writes it: what Windows-1252 has stays (ü, ß, é), other accented letters lose
 * their accent (ń → n, ő → o), a few Latin letters that do not decompose are spelt plainly
 * (Ł → L), anything else ("東京") prints as "?". Never an error: any address gets a label.
 */
export function labelText(text: string): string {
  return [...text.normalize('NFC')].map(printable).join('');
}

function printable(character: string): string {
  if (isWindows1252(character)) return character;
  const plain = PLAIN_LATIN[character] ?? character.normalize('NFKD').replace(/\p{Mn}/gu, '');
  return plain !== '' && [...plain].every(isWindows1252) ? plain : '?';
}

const PLAIN_LATIN: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
};

const WINDOWS_1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWindows1252(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WINDOWS_1252_EXTRAS.has(character)
  );
}

/** The tracking number as a Code 128 barcode, PNG, as scanners at the hub read it. */
function barcodeOf(trackingNumber: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text: trackingNumber,
    scale: 3,
    height: 14,
    includetext: false,
    // Opaque, so the PDF embeds a plain image rather than one with a transparency mask.
    backgroundcolor: 'FFFFFF',
  });
}

/**
 * The shipping label of a shipment, made on request (it is a pure function of the shipment,
 * so nothing is stored): sender, recipient, carrier and service, weight, and the tracking
 * number as text and barcode. Uncompressed, so the text can be found in the file.
 */
export async function renderShippingLabel(shipment: Shipment, carrierName: string): Promise<Buffer> {
  const barcode = await barcodeOf(shipment.trackingNumber);
  const document = new PDFDocument({
    size: 'A6',
    margin: MARGIN,
    compress: false,
    info: {
      Title: `Shipping label ${shipment.trackingNumber}`,
      Subject: `${carrierName} ${shipment.serviceLevel} ${shipment.trackingNumber}`,
      Creator: 'Emporium shipping',
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  const width = A6.width - 2 * MARGIN;
  document.font('Helvetica-Bold').fontSize(16).text(labelText(carrierName), { continued: true });
  document.font('Helvetica').fontSize(12).text(`  ${shipment.serviceLevel.toUpperCase()}`, { align: 'left' });
  document.moveDown(0.5);

  document.font('Helvetica-Bold').fontSize(7).text('FROM');
  document.font('Helvetica').fontSize(8);
  for (const line of [
    WAREHOUSE.name,
    ...WAREHOUSE.lines,
    `${WAREHOUSE.postalCode} ${WAREHOUSE.city}`,
    WAREHOUSE.country,
  ]) {
    document.text(labelText(line));
  }
  document.moveDown(0.6);

  const rule = () => {
    document
      .moveTo(MARGIN, document.y)
      .lineTo(A6.width - MARGIN, document.y)
      .lineWidth(0.8)
      .stroke();
    document.moveDown(0.4);
  };
  rule();
  const { shipTo } = shipment;
  document.font('Helvetica-Bold').fontSize(7).text('TO');
  document.font('Helvetica-Bold').fontSize(12).text(labelText(shipTo.recipient), { width });
  document.font('Helvetica').fontSize(11);
  for (const line of shipTo.lines) document.text(labelText(line), { width });
  const cityLine = [shipTo.postalCode, shipTo.city, shipTo.region].filter((part) => part !== '').join(' ');
  document.text(labelText(cityLine), { width });
  document.font('Helvetica-Bold').text(shipTo.country);
  document.moveDown(0.6);
  rule();

  document.font('Helvetica').fontSize(8);
  const weight = `Weight: ${(shipment.weightGrams / 1000).toFixed(3)} kg`;
  document.text(`${weight}    Order: ${labelText(shipment.orderId)}`, { width });
  document.text(`Shipped: ${shipment.createdAt.toISOString().slice(0, 10)}`);
  document.moveDown(0.5);

  document.image(barcode, MARGIN, document.y, { fit: [width, 70], align: 'center' });
  document.y += 76;
  document.font('Helvetica-Bold').fontSize(13).text(shipment.trackingNumber, { align: 'center', width });
  document.end();
  return finished;
}
