/** English strings of the export menu on lists. */
export const exportMenu = {
  'exports.button': 'Export',
  'exports.xlsx': 'Excel workbook (.xlsx)',
  'exports.csv': 'CSV…',
  'exports.html': 'Web page (.html)',
  'exports.csvTitle': 'Export as CSV',
  'exports.delimiter': 'Separate values with',
  'exports.comma': 'Comma (,)',
  'exports.semicolon': 'Semicolon (;) — Excel in Russia and much of Europe',
  'exports.tab': 'Tab',
  'exports.bom': 'Mark the file as UTF-8 (Excel then shows non-Latin letters correctly)',
  'exports.download': 'Download',
  'exports.saved': 'Saved “{name}”.',
} as const;
