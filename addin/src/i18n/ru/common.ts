import type { StringKey } from '../en/index.js';

/** Russian strings of the shell; missing keys fall back to English. */
export const common: Partial<Record<StringKey, string>> = {
  'nav.home': 'Главная',
  'nav.clients': 'Клиенты',
  'nav.contacts': 'Контакты',
  'nav.contracts': 'Договоры',
  'nav.invoices': 'Счета',
  'nav.payments': 'Платежи',
  'nav.catalog': 'Каталог',
  'nav.company': 'Наша компания',
  'nav.admin': 'Администрирование',
  'nav.signOut': 'Выйти',
  'signIn.title': 'Вход в Kontora',
  'signIn.login': 'Логин',
  'signIn.password': 'Пароль',
  'signIn.submit': 'Войти',
  'search.placeholder': 'Поиск клиентов, контактов, договоров, счетов… (Ctrl+K)',
  'form.save': 'Сохранить',
  'form.cancel': 'Отмена',
  'form.required': 'Обязательное поле.',
};
