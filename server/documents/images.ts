/**
 * Images in documents without a paid module: a tag {%company.logo} is
 * replaced by an inline drawing, and after rendering each picture is added
 * to the package with a relationship from the part it appears in (body,
 * header or footer) and its content type.
 */
import path from 'node:path/posix';
import type PizZip from 'pizzip';
import { ImageValue } from './values.js';

export const IMAGE_MODULE = 'kontora/image';

const EMU_PER_MM = 36000n;

/** The box an image is fitted into, in millimetres, by what it is. */
const BOXES: Record<string, [number, number]> = {
  logo: [45, 18],
  stamp: [40, 40],
  signature: [35, 15],
  photo: [30, 40],
};
const DEFAULT_BOX: [number, number] = [40, 30];

export function boxFor(path: string[], size: [number, number] | null): [number, number] {
  return size ?? BOXES[path[path.length - 1] ?? ''] ?? DEFAULT_BOX;
}

/** Pixel size of a PNG, JPEG or GIF, or null when it cannot be read. */
export function imageSize(data: Buffer): { width: number; height: number } | null {
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47) return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data.length > 10 && data.toString('ascii', 0, 3) === 'GIF') return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return null;
      const marker = data[i + 1]!;
      const length = data.readUInt16BE(i + 2);
      // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: data.readUInt16BE(i + 7), height: data.readUInt16BE(i + 5) };
      }
      i += 2 + length;
    }
  }
  return null;
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif' };

interface Placed {
  rId: string;
  part: string;
  target: string;
  content: Buffer;
  extension: string;
}

/** Collects the images of one rendering and writes them into the package. */
export class ImagePlacer {
  private readonly placed: Placed[] = [];
  private byPartAndHash = new Map<string, Placed>();

  /** The run XML showing the image, or '' for no image or an unsupported type. */
  drawing(value: unknown, part: string, box: [number, number]): string {
    if (!(value instanceof ImageValue)) return '';
    const extension = EXTENSIONS[value.mime];
    const size = imageSize(value.content);
    if (!extension || !size || !size.width || !size.height) return '';
    const key = `${part}\u0000${value.sha256}`;
    let placed = this.byPartAndHash.get(key);
    if (!placed) {
      const n = this.placed.length + 1;
      placed = { rId: `rIdKontoraImage${n}`, part, target: `media/kontora-image-${n}-${value.sha256.slice(0, 12)}.${extension}`, content: value.content, extension };
      this.placed.push(placed);
      this.byPartAndHash.set(key, placed);
    }
    const [boxW, boxH] = box;
    // Fit the box, keeping the picture's proportions.
    const scale = Math.min(boxW / size.width, boxH / size.height);
    const cx = BigInt(Math.max(1, Math.round(size.width * scale * 1000))) * EMU_PER_MM / 1000n;
    const cy = BigInt(Math.max(1, Math.round(size.height * scale * 1000))) * EMU_PER_MM / 1000n;
    const id = 1000 + this.placed.indexOf(placed) * 100 + (this.uses++ % 100);
    const name = `Picture ${id}`;
    const drawing = `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="${id}" name="${name}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="${id}" name="${name}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${placed.rId}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`;
    // The tag sits inside <w:r><w:t>: close them, add a run with the
    // picture, and reopen them for the text after the tag.
    return `</w:t></w:r><w:r>${drawing}</w:r><w:r><w:t xml:space="preserve">`;
  }

  private uses = 0;

  /** Adds the pictures, their relationships and content types to the package. */
  write(zip: PizZip): void {
    if (!this.placed.length) return;
    const relsByPart = new Map<string, Placed[]>();
    for (const placed of this.placed) relsByPart.set(placed.part, [...(relsByPart.get(placed.part) ?? []), placed]);
    for (const [part, images] of relsByPart) {
      const relsPath = path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
      const existing = zip.file(relsPath)?.asText()
        ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
      const added = images.map((i) => `<Relationship Id="${i.rId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${i.target}"/>`).join('');
      zip.file(relsPath, existing.replace(/<\/Relationships>\s*$/, `${added}</Relationships>`));
      for (const image of images) zip.file(path.join(path.dirname(part), image.target), image.content);
    }
    let types = zip.file('[Content_Types].xml')?.asText() ?? '';
    for (const extension of new Set(this.placed.map((p) => p.extension))) {
      if (!new RegExp(`<Default[^>]+Extension="${extension}"`, 'i').test(types)) {
        types = types.replace('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">', `$&<Default Extension="${extension}" ContentType="image/${extension}"/>`);
      }
    }
    zip.file('[Content_Types].xml', types);
  }
}
