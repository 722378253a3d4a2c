import { makeStyles } from '@fluentui/react-components';
import { t, type StringKey } from '../i18n/strings.js';
import { ImageSlot } from './ImageSlot.js';
import type { FileInfo } from './images.js';

export type CompanyImages = Record<'logo' | 'stamp' | 'signature', FileInfo | null>;

const PURPOSES: { key: keyof CompanyImages; title: StringKey; hint: StringKey }[] = [
  { key: 'logo', title: 'company.image.logo', hint: 'company.image.logoHint' },
  { key: 'stamp', title: 'company.image.stamp', hint: 'company.image.stampHint' },
  { key: 'signature', title: 'company.image.signature', hint: 'company.image.signatureHint' },
];

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: '16px' },
});

/** The logo, stamp and signature printed on the company's documents. */
export function CompanyImagesPanel({ companyId, images, canEdit, onChange }: {
  companyId: number;
  images: CompanyImages;
  canEdit: boolean;
  onChange: (images: CompanyImages) => void;
}) {
  const styles = useStyles();
  return (
    <div className={styles.grid}>
      {PURPOSES.map((p) => (
        <ImageSlot
          key={p.key}
          path={`/companies/${companyId}/images/${p.key}`}
          title={t(p.title)}
          hint={t(p.hint)}
          info={images[p.key]}
          canEdit={canEdit}
          onChange={(info) => onChange({ ...images, [p.key]: info })}
        />
      ))}
    </div>
  );
}
