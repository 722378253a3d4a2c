import type { StringKey } from '../en/index.js';
import { common } from './common.js';

export const ru: Partial<Record<StringKey, string>> = {
  ...common,
};
