/** A message as written for one reader: what every channel sends a part of. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** One piece of a message body: a paragraph, or a table of label and value. */
export type Block = { paragraph: string } | { table: Array<[string, string]> };

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an HTML element or attribute: names and reasons come from users and other services. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/**
 * The plain-text and HTML bodies of one message from the same blocks, so the two never say
 * different things. The HTML is a small self-contained document (inline styles only, as mail
 * clients strip style sheets).
 */
export function renderBlocks(subject: string, blocks: readonly Block[], lang: string): RenderedMessage {
  const text = blocks
    .map((block) =>
      'paragraph' in block
        ? block.paragraph
        : block.table.map(([label, value]) => `  ${label}: ${value}`).join('\n'),
    )
    .join('\n\n');
  const body = blocks
    .map((block) =>
      'paragraph' in block
        ? `<p>${escapeHtml(block.paragraph)}</p>`
        : `<table style="border-collapse:collapse">${block.table
            .map(
              ([label, value]) =>
                `<tr><td style="padding:2px 12px 2px 0">${escapeHtml(label)}</td>` +
                `<td style="padding:2px 0;text-align:right">${escapeHtml(value)}</td></tr>`,
            )
            .join('')}</table>`,
    )
    .join('\n');
  const html =
    `<!doctype html>\n<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(subject)}</title></head>\n` +
    `<body style="font-family:sans-serif;line-height:1.4">\n${body}\n</body></html>\n`;
  return { subject, text: `${text}\n`, html };
}
