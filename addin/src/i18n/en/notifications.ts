/** English strings of reminders: the bell, its panel and the toasts. */
export const notifications = {
  'notifications.title': 'Reminders',
  'notifications.bell': 'Reminders',
  'notifications.bellCount': 'Reminders: {n} unread',
  'notifications.empty': 'No unread reminders. Reminders of tasks, calls, invoices and contracts appear here when they come due.',
  'notifications.dismissAll': 'Dismiss all',
  'notifications.dismiss': 'Dismiss',
  'notifications.dismissOne': 'Dismiss “{title}”',
  'notifications.snoozeOne': 'Snooze “{title}”',
  'notifications.snooze10': 'Snooze 10 minutes',
  'notifications.snooze60': 'Snooze 1 hour',
  'notifications.snoozeTomorrow': 'Until tomorrow 9:00',
  'notifications.snoozed': 'Snoozed.',
  'notifications.open': 'Open',
  'notifications.toastTitle': 'Reminder: {title}',
} as const;
