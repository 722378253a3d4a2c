/**
 * PDF through LibreOffice (soffice --headless --convert-to). soffice
 * refuses to run twice on one user profile, so conversions take one of a
 * few slots, each with its own profile; further requests wait for a slot
 * instead of failing. A conversion that hangs is killed after the timeout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../errors/app-error.js';

const SLOTS = Math.max(1, Math.min(4, Number(process.env.KONTORA_PDF_SLOTS) || 2));
export const PDF_TIMEOUT_MS = Number(process.env.KONTORA_PDF_TIMEOUT_MS) || 60_000;

let found: string | null | undefined;

/** The soffice executable (KONTORA_SOFFICE, else on PATH), or null. */
export function sofficePath(): string | null {
  if (found !== undefined) return found;
  const candidates = process.env.KONTORA_SOFFICE
    ? [process.env.KONTORA_SOFFICE]
    : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).flatMap((dir) => ['soffice', 'libreoffice'].map((n) => path.join(dir, n)));
  found = candidates.find((c) => {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }) ?? null;
  return found;
}

/** For tests: forget what was found (after changing KONTORA_SOFFICE). */
export function resetSofficeLookup(): void {
  found = undefined;
}

const free: number[] = Array.from({ length: SLOTS }, (_, i) => i);
const waiting: ((slot: number) => void)[] = [];

function takeSlot(): Promise<number> {
  const slot = free.pop();
  if (slot !== undefined) return Promise.resolve(slot);
  return new Promise((resolve) => waiting.push(resolve));
}

function releaseSlot(slot: number): void {
  const next = waiting.shift();
  if (next) next(slot);
  else free.push(slot);
}

/**
 * Converts a .docx with LibreOffice: "pdf", or "txt:Text" for plain text.
 * Throws pdf_unavailable without soffice and pdf_failed when it fails.
 */
export async function convertDocx(docx: Buffer, target: 'pdf' | 'txt:Text' = 'pdf', timeoutMs = PDF_TIMEOUT_MS): Promise<Buffer> {
  const soffice = sofficePath();
  if (!soffice) throw new AppError('pdf_unavailable', 'PDF needs LibreOffice on the server (the soffice command); it is not installed. Download the .docx instead.');
  const slot = await takeSlot();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-pdf-'));
  try {
    const profile = path.join(os.tmpdir(), `kontora-soffice-profile-${process.pid}-${slot}`);
    const input = path.join(work, 'document.docx');
    fs.writeFileSync(input, docx);
    const args = ['--headless', '--norestore', '--nolockcheck', '--nodefault', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', target, '--outdir', work, input];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(soffice, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-2000);
      });
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
        reject(new AppError('pdf_failed', `LibreOffice did not finish the conversion within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new AppError('pdf_failed', `LibreOffice could not be started (${err.message}).`));
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new AppError('pdf_failed', `LibreOffice failed to convert the document (exit code ${code}${stderr ? `: ${stderr.trim().split('\n').pop()!.slice(0, 200)}` : ''}).`));
      });
    });
    const output = path.join(work, `document.${target.split(':')[0]}`);
    if (!fs.existsSync(output)) throw new AppError('pdf_failed', 'LibreOffice finished without writing the converted document.');
    return fs.readFileSync(output);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    releaseSlot(slot);
  }
}
