import type { notifications as en } from '../en/notifications.js';

/** Русские строки напоминаний. */
export const notifications: Record<keyof typeof en, string> = {
  'notifications.title': 'Напоминания',
  'notifications.bell': 'Напоминания',
  'notifications.bellCount': 'Напоминания: непрочитанных {n}',
  'notifications.empty': 'Непрочитанных напоминаний нет. Напоминания о задачах, звонках, счетах и договорах появятся здесь, когда наступит срок.',
  'notifications.dismissAll': 'Убрать все',
  'notifications.dismiss': 'Убрать',
  'notifications.dismissOne': 'Убрать «{title}»',
  'notifications.snoozeOne': 'Отложить «{title}»',
  'notifications.snooze10': 'Отложить на 10 минут',
  'notifications.snooze60': 'Отложить на час',
  'notifications.snoozeTomorrow': 'До завтра, 9:00',
  'notifications.snoozed': 'Отложено.',
  'notifications.open': 'Открыть',
  'notifications.toastTitle': 'Напоминание: {title}',
};
