import { useToastController } from '@fluentui/react-components';
import { createElement } from 'react';
import { Toast, ToastTitle } from '@fluentui/react-components';

export const TOASTER_ID = 'kontora-toaster';

/** Short confirmations ("Saved.") and background errors. */
export function useNotify(): (text: string, intent?: 'success' | 'error' | 'info' | 'warning') => void {
  const { dispatchToast } = useToastController(TOASTER_ID);
  return (text, intent = 'success') => dispatchToast(createElement(Toast, null, createElement(ToastTitle, null, text)), { intent, timeout: intent === 'error' ? 8000 : 3000 });
}
