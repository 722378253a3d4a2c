import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { Add16Regular } from '@fluentui/react-icons';
import { t } from '../i18n/strings.js';
import { navigate } from '../shell/router.js';

/** "+" at a time slot: plan a call or a meeting starting then; saving comes back to the calendar. */
export function SlotMenu({ at, label, back }: { at: string; label: string; back: string }) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button size="small" appearance="subtle" icon={<Add16Regular />} aria-label={t('calendar.planAt', { time: label })} />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem onClick={() => navigate('/events/new', { type: 'call', startsAt: at, back })}>{t('calendar.planCall')}</MenuItem>
          <MenuItem onClick={() => navigate('/events/new', { type: 'meeting', startsAt: at, back })}>{t('calendar.planMeeting')}</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
