/**
 * kontora document --template NAME --record TYPE:ID [--pdf] -o FILE
 * Issues a document from the command line (for scripts), archived with
 * the record like one issued in the app, in the name of the first admin.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Actor } from '../access/rights.js';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log.js';
import { openContext } from '../server.js';
import { recordTypes } from './relations.js';
import { DocumentService } from './service.js';

const USAGE = 'Usage: kontora document --template NAME --record TYPE:ID [--pdf] -o FILE   (TYPE: contract, invoice or client)';

export async function documentCommand(argv: string[], config: Config, log: Logger): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { template: { type: 'string' }, record: { type: 'string' }, pdf: { type: 'boolean', default: false }, output: { type: 'string', short: 'o' } } });
  const record = /^([a-z]+):(\d{1,10})$/.exec(values.record ?? '');
  if (!values.template || !record || !values.output || !(recordTypes as readonly string[]).includes(record[1]!)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const ctx = await openContext(config, systemClock, log);
  try {
    const admin = (await ctx.db('users').where({ role: 'admin', active: true }).orderBy('id').first('id', 'login', 'name')) as { id: number; login: string; name: string } | undefined;
    if (!admin) throw new Error('there is no active admin user to issue the document as');
    const actor: Actor = { id: Number(admin.id), login: admin.login, name: admin.name, role: 'admin', scope: 'all' };
    const { document, content } = await new DocumentService(ctx).generate(actor, {
      recordType: record[1], recordId: Number(record[2]), template: values.template, format: values.pdf ? 'pdf' : 'docx',
    });
    fs.writeFileSync(values.output, content);
    process.stdout.write(`${values.output}: ${document.fileName}, ${content.length} bytes (archived as document ${document.id})\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`kontora document: ${err.message}\n`);
      for (const d of err.details ?? []) process.stderr.write(`  ${d.field ? `${d.field}: ` : ''}${d.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await ctx.db.destroy();
  }
}
