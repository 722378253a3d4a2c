#!/usr/bin/env node
// Kontora is written in TypeScript and run through tsx, so a clone works
// with `npm install` alone: no separate build step before `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
