import { common } from './common.js';

/** Every English string, by key. Areas keep their strings in files beside this one. */
export const en = {
  ...common,
} as const;

export type StringKey = keyof typeof en;
