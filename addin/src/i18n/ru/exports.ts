/** Русские строки меню «Экспорт» в списках. */
export const exportMenu = {
  'exports.button': 'Экспорт',
  'exports.xlsx': 'Книга Excel (.xlsx)',
  'exports.csv': 'CSV…',
  'exports.html': 'Веб-страница (.html)',
  'exports.csvTitle': 'Экспорт в CSV',
  'exports.delimiter': 'Разделитель значений',
  'exports.comma': 'Запятая (,)',
  'exports.semicolon': 'Точка с запятой (;) — Excel в России и большей части Европы',
  'exports.tab': 'Табуляция',
  'exports.bom': 'Пометить файл как UTF-8 (тогда Excel правильно покажет кириллицу)',
  'exports.download': 'Скачать',
  'exports.saved': 'Сохранён «{name}».',
} as const;
