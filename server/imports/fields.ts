import type { AppContext } from '../context.js';
import type { Conn } from '../db/connect.js';
import type { FieldDef } from '../fields/types.js';
import { phoneTypes, emailTypes } from '../channels/schema.js';
import { normalise } from './convert.js';

/**
 * What a column can be imported into, per target: the entity's own fields
 * (built-in and custom, from the field metadata), phones and e-mails with
 * their type, tags, references by name (category, manager, client), the
 * contact person in a client's row, and product prices per price type.
 */

export const targets = ['clients', 'contacts', 'products'] as const;
export type Target = (typeof targets)[number];

export type ImportKind = 'field' | 'phones' | 'emails' | 'tags' | 'category' | 'manager' | 'client' | 'contact' | 'price';

export interface ImportField {
  key: string;
  label: string;
  kind: ImportKind;
  field?: FieldDef;
  /** Header texts (normalised) that mean this field, English and Russian. */
  synonyms: string[];
  priceTypeId?: number;
}

export const entityOf: Record<Target, 'client' | 'contact' | 'product'> = { clients: 'client', contacts: 'contact', products: 'product' };

/** Header synonyms of built-in fields; Outlook's and Google's export headers among them. */
const SYNONYMS: Record<string, string[]> = {
  kind: ['kind', 'type', 'client type', 'customer type', 'тип', 'вид', 'тип клиента', 'вид товара'],
  name: ['name', 'client', 'client name', 'customer', 'customer name', 'company', 'company name', 'organization', 'organisation', 'account name', 'full name', 'display name',
    'наименование', 'название', 'клиент', 'компания', 'организация', 'контрагент', 'фио', 'покупатель', 'product', 'product name', 'item', 'товар', 'услуга', 'наименование товара', 'номенклатура'],
  legalName: ['legal name', 'full legal name', 'registered name', 'полное наименование', 'юридическое наименование', 'полное название'],
  taxId: ['tax id', 'taxid', 'tax number', 'vat', 'vat number', 'vat id', 'vat no', 'inn', 'tin', 'ein', 'инн', 'унп', 'бин', 'иин'],
  registrationNumber: ['registration number', 'reg no', 'reg number', 'company number', 'registration no', 'огрн', 'огрнип', 'рег номер'],
  legalAddress: ['address', 'legal address', 'registered address', 'business street', 'street', 'адрес', 'юридический адрес', 'юр адрес'],
  postalAddress: ['postal address', 'mailing address', 'почтовый адрес', 'фактический адрес'],
  bankName: ['bank', 'bank name', 'банк', 'наименование банка'],
  bankCode: ['bic', 'swift', 'bank code', 'sort code', 'бик'],
  bankAccount: ['bank account', 'account number', 'iban', 'расчетный счет', 'р с', 'счет'],
  correspondentAccount: ['correspondent account', 'корреспондентский счет', 'корр счет', 'к с'],
  directorName: ['director', 'ceo', 'general manager', 'директор', 'руководитель', 'генеральный директор'],
  directorTitle: ['director title', 'director s title', 'должность руководителя'],
  firstName: ['first name', 'given name', 'firstname', 'имя'],
  middleName: ['middle name', 'additional name', 'отчество'],
  lastName: ['last name', 'surname', 'family name', 'lastname', 'фамилия'],
  birthday: ['birthday', 'date of birth', 'dob', 'birth date', 'день рождения', 'дата рождения'],
  registrationAddress: ['registration address', 'адрес регистрации', 'адрес прописки'],
  residenceAddress: ['residence address', 'home address', 'home street', 'адрес проживания'],
  website: ['website', 'web site', 'web', 'site', 'url', 'web page', 'homepage', 'website 1 value', 'сайт', 'веб сайт'],
  city: ['city', 'town', 'business city', 'город', 'населенный пункт'],
  country: ['country', 'business country region', 'country region', 'страна'],
  status: ['status', 'статус'],
  source: ['source', 'lead source', 'источник'],
  notes: ['notes', 'note', 'comment', 'comments', 'remarks', 'примечание', 'примечания', 'комментарий', 'заметки'],
  jobTitle: ['job title', 'position', 'role', 'organization title', 'organization 1 title', 'должность'],
  department: ['department', 'organization department', 'organization 1 department', 'отдел', 'подразделение'],
  isPrimary: ['primary', 'primary contact', 'main contact', 'основной', 'основной контакт'],
  sku: ['sku', 'article', 'article number', 'item code', 'product code', 'code', 'part number', 'артикул', 'код', 'код товара'],
  unit: ['unit', 'uom', 'unit of measure', 'units', 'ед', 'ед изм', 'единица', 'единица измерения'],
  vatRate: ['vat rate', 'vat %', 'tax rate', 'ндс', 'ставка ндс', 'ндс %'],
  active: ['active', 'enabled', 'активен', 'активный'],
  description: ['description', 'details', 'описание'],
  phones: ['phone', 'phones', 'telephone', 'tel', 'phone number', 'business phone', 'business phone 2', 'company main phone', 'primary phone', 'mobile', 'mobile phone', 'cell', 'cell phone',
    'home phone', 'home phone 2', 'other phone', 'work phone', 'office phone', 'business phone 1', 'fax', 'business fax', 'home fax', 'телефон', 'телефоны', 'тел', 'моб', 'мобильный', 'мобильный телефон', 'сотовый', 'рабочий телефон', 'домашний телефон', 'факс'],
  emails: ['email', 'e mail', 'emails', 'mail', 'email address', 'e mail address', 'e mail 2 address', 'e mail 3 address', 'e mail 2', 'e mail 3', 'email 2', 'email 3', 'почта', 'электронная почта', 'эл почта', 'емейл', 'имейл'],
  tags: ['tags', 'tag', 'теги', 'метки', 'categories', 'категории'],
  // A contact's one address line (Outlook's and vCard's street among them).
  address: ['address', 'business street', 'street', 'адрес'],
  category: ['category', 'group', 'segment', 'product category', 'категория', 'группа', 'категория товара', 'группа товаров'],
  manager: ['manager', 'owner', 'account owner', 'responsible', 'sales rep', 'менеджер', 'ответственный'],
  client: ['company', 'organization', 'organisation', 'organization name', 'organization 1 name', 'client', 'client name', 'customer', 'компания', 'организация', 'клиент', 'контрагент'],
  contactName: ['contact', 'contact person', 'contact name', 'контакт', 'контактное лицо'],
  contactJobTitle: ['contact position', 'contact title', 'position', 'job title', 'должность', 'должность контакта'],
  contactPhone: ['contact phone', 'телефон контакта', 'телефон контактного лица'],
  contactEmail: ['contact email', 'contact e mail', 'email контакта', 'почта контакта'],
  price: ['price', 'unit price', 'retail price', 'цена', 'стоимость', 'розничная цена', 'цена розница'],
};

const PHONE_TYPE_WORDS: [RegExp, (typeof phoneTypes)[number]][] = [
  [/fax|факс/, 'fax'], [/mobile|cell|моб|сотов/, 'mobile'], [/home|домашн/, 'home'], [/other|друг/, 'other'], [/business|work|office|company|рабоч/, 'work'],
];

/** The phone type a header (or a Google "Phone 1 - Label" value) suggests. */
export function phoneTypeOf(text: string): (typeof phoneTypes)[number] | undefined {
  const n = normalise(text);
  return PHONE_TYPE_WORDS.find(([re]) => re.test(n))?.[1];
}

export function emailTypeOf(text: string): (typeof emailTypes)[number] | undefined {
  const n = normalise(text);
  if (/home|personal|личн|домашн/.test(n)) return 'personal';
  if (/work|business|рабоч/.test(n)) return 'work';
  if (/other|друг/.test(n)) return 'other';
  return undefined;
}

const SKIP: Record<Target, Set<string>> = {
  clients: new Set(['categoryId', 'managerId', 'messengers']),
  contacts: new Set(['clientId', 'managerId', 'messengers']),
  products: new Set(['categoryId', 'prices']),
};

/** The fields a column of this target can be mapped to, custom fields included. */
export async function importFields(ctx: AppContext, conn: Conn, target: Target): Promise<ImportField[]> {
  const out: ImportField[] = [];
  for (const field of ctx.fields.active(entityOf[target])) {
    if (field.readOnly || SKIP[target].has(field.key)) continue;
    const kind: ImportKind = field.type === 'phones' ? 'phones' : field.type === 'emails' ? 'emails' : field.type === 'tags' ? 'tags' : 'field';
    if (kind === 'field' && field.column === null) continue;
    const own = SYNONYMS[field.key] ?? [];
    out.push({ key: field.key, label: field.label, kind, field, synonyms: [...new Set([normalise(field.label), normalise(field.key), ...own.map(normalise)])] });
  }
  const extra = (key: string, label: string, kind: ImportKind) => out.push({ key, label, kind, synonyms: [normalise(label), ...(SYNONYMS[key] ?? []).map(normalise)] });
  if (target === 'clients' || target === 'products') extra('category', 'Category (by name)', 'category');
  if (target === 'clients' || target === 'contacts') extra('manager', 'Manager (login or name)', 'manager');
  if (target === 'contacts') extra('client', 'Client (tax ID or name)', 'client');
  if (target === 'clients') {
    extra('contactName', 'Contact person: name', 'contact');
    extra('contactFirstName', 'Contact person: first name', 'contact');
    extra('contactLastName', 'Contact person: last name', 'contact');
    extra('contactJobTitle', 'Contact person: position', 'contact');
    extra('contactPhone', 'Contact person: phone', 'contact');
    extra('contactEmail', 'Contact person: e-mail', 'contact');
  }
  if (target === 'products') {
    const types = (await conn('price_types').orderBy([{ column: 'is_default', order: 'desc' }, 'name']).select('id', 'name', 'currency', 'is_default')) as { id: number; name: string; currency: string; is_default: unknown }[];
    types.forEach((t, i) => {
      const n = normalise(t.name);
      out.push({
        key: `price:${t.id}`, label: `Price: ${t.name} (${t.currency})`, kind: 'price', priceTypeId: Number(t.id),
        synonyms: [n, `price ${n}`, `${n} price`, `цена ${n}`, `${n} цена`, ...(i === 0 ? (SYNONYMS.price ?? []).map(normalise) : [])],
      });
    });
  }
  return out;
}
