import { Field, Select } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { localeLabel } from './recordTypes.js';

type TemplateLocale = 'en' | 'ru';

/** The language a template is written in (new uploads and edits ask the same way). */
export function LocaleField({ value, onChange }: { value: TemplateLocale; onChange: (locale: TemplateLocale) => void }) {
  return (
    <Field label={t('templates.upload.locale')} hint={t('templates.upload.localeHint')}>
      <Select value={value} onChange={(_, d) => onChange(d.value as TemplateLocale)}>
        <option value="en">{localeLabel('en')}</option>
        <option value="ru">{localeLabel('ru')}</option>
      </Select>
    </Field>
  );
}
