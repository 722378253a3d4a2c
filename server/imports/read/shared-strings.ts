import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

/**
 * The shared strings of a big workbook, kept in a temporary file instead
 * of the heap: a full sheet of distinct texts has millions of them, and
 * exceljs's own cache holds every one as a JavaScript string for as long
 * as the sheet is read. Here each costs 4 bytes of memory (its offset);
 * texts are read back from the file (the OS caches it), with a
 * small cache for values that repeat (cities, statuses).
 */
const BLOCK = 256 * 1024;
/** Offsets are 32-bit; zip-guard.ts refuses workbooks with more than 256 MB of shared strings long before. */
const MAX_BYTES = 0xffff_ffff;

export class SharedStringFile {
  private readonly file: string;
  private readonly fd: number;
  /** Where string i starts; it ends where string i + 1 starts. */
  private offsets = new Uint32Array(1 << 16);
  private count = 0;
  private size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly recent = new Map<number, string>();
  /** The part of the file read last: strings are met roughly in the order they were written, so most come from it. */
  private block = Buffer.alloc(0);
  private blockStart = 0;

  constructor() {
    this.file = path.join(os.tmpdir(), `kontora-strings-${crypto.randomBytes(6).toString('hex')}.bin`);
    this.fd = fs.openSync(this.file, 'w+');
  }

  add(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    if (this.size + bytes.length > MAX_BYTES) throw new Error('The shared strings of this workbook are too large to read.');
    if (this.count + 1 >= this.offsets.length) {
      // Half again as big, not twice: the array is most of what a full sheet's strings cost in memory.
      const offsets = new Uint32Array(Math.ceil(this.offsets.length * 1.5));
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    this.offsets[this.count] = this.size;
    this.count++;
    this.size += bytes.length;
    this.offsets[this.count] = this.size;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    const chunk = Buffer.concat(this.pending);
    fs.writeSync(this.fd, chunk, 0, chunk.length, this.size - chunk.length);
    this.pending = [];
    this.pendingBytes = 0;
  }

  get(index: number): string | null {
    if (index < 0 || index >= this.count) return null;
    const hit = this.recent.get(index);
    if (hit !== undefined) return hit;
    this.flush();
    const offset = this.offsets[index]!;
    const length = this.offsets[index + 1]! - offset;
    if (offset < this.blockStart || offset + length > this.blockStart + this.block.length) {
      // One read of BLOCK bytes instead of one per string (a system call each).
      const size = Math.min(Math.max(BLOCK, length), this.size - offset);
      if (this.block.length !== size) this.block = Buffer.allocUnsafe(size);
      fs.readSync(this.fd, this.block, 0, size, offset);
      this.blockStart = offset;
    }
    const text = this.block.toString('utf8', offset - this.blockStart, offset - this.blockStart + length);
    if (this.recent.size >= 50_000) this.recent.clear();
    this.recent.set(index, text);
    return text;
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } finally {
      fs.rmSync(this.file, { force: true });
    }
  }
}
