import type { StringKey } from '../en/index.js';

/** Russian strings of the contact screens. */
export const contacts: Partial<Record<StringKey, string>> = {
  'contacts.list.new': 'Новый контакт',
  'contacts.list.count': 'Контактов: {count}',
  'contacts.list.empty': 'Контактов пока нет. Добавьте людей, с которыми работаете у клиентов.',
  'contacts.list.addFirst': 'Добавить контакт',
  'contacts.new.title': 'Новый контакт',
  'contacts.new.save': 'Создать контакт',
  'contacts.new.created': 'Контакт «{name}» создан.',
  'contacts.section.main': 'Основное',
  'contacts.section.channels': 'Телефоны, почта и мессенджеры',
  'contacts.section.personal': 'Личное',
  'contacts.card.editTitle': 'Изменить: {name}',
  'contacts.card.deleted': 'Контакт «{name}» удалён.',
  'contacts.card.standalone': 'Не привязан к клиенту',
  'contacts.card.primary': 'Основной контакт',
  'contacts.tab.details': 'Сведения',
  'contacts.tab.events': 'События',
  'contacts.tab.history': 'История',
};
