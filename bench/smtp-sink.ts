/**
 * A local SMTP server for npm run bench -- mailings, in a process of its
 * own so that receiving does not share the sender's event loop. Takes every
 * message, reads it to the end and counts it; answers "count" over IPC.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let messages = 0;
let bytes = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false, maxClients: 100,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => {
      messages++;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.server.address() as AddressInfo).port });
});
process.on('message', (m: unknown) => {
  if (m === 'count') process.send!({ messages, bytes });
  if (m === 'close') server.close(() => process.exit(0));
});
