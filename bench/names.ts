/**
 * Word lists for generated clients: English and Russian people, companies,
 * cities, jobs. Invented brand names (syllables) keep most company names
 * distinct across a million rows, as in a real base, while stock words
 * ("Trading", "Строй") repeat as they do in real ones.
 */

export const EN_FIRST = [
  'James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Charles', 'Daniel', 'Matthew',
  'Anthony', 'Mark', 'Steven', 'Paul', 'Andrew', 'Joshua', 'Kevin', 'Brian', 'George', 'Edward', 'Oliver', 'Harry', 'Jack',
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Nancy', 'Lisa',
  'Margaret', 'Emily', 'Michelle', 'Laura', 'Rachel', 'Olivia', 'Amelia', 'Isla', 'Sophie', 'Grace', 'Chloe', 'Emma', 'Hannah',
];
export const EN_LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
  'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter',
  'Phillips', 'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan',
  'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Wood', 'Hughes',
  'Bennett', 'Gray', 'Price', 'Fisher', 'Ellis', 'Fletcher', 'Holmes', 'Knight', 'Lloyd', 'Mason', 'Palmer', 'Shaw', 'Webb',
];
export const RU_FIRST_M = [
  'Александр', 'Алексей', 'Андрей', 'Артём', 'Борис', 'Вадим', 'Валерий', 'Василий', 'Виктор', 'Владимир', 'Владислав',
  'Геннадий', 'Георгий', 'Григорий', 'Денис', 'Дмитрий', 'Евгений', 'Егор', 'Иван', 'Игорь', 'Илья', 'Кирилл', 'Константин',
  'Леонид', 'Максим', 'Михаил', 'Никита', 'Николай', 'Олег', 'Павел', 'Пётр', 'Роман', 'Сергей', 'Станислав', 'Степан',
  'Тимофей', 'Фёдор', 'Юрий', 'Ярослав', 'Антон',
];
export const RU_FIRST_F = [
  'Александра', 'Алина', 'Алла', 'Анастасия', 'Анна', 'Валентина', 'Вера', 'Виктория', 'Галина', 'Дарья', 'Евгения', 'Екатерина',
  'Елена', 'Елизавета', 'Жанна', 'Зоя', 'Инна', 'Ирина', 'Карина', 'Ксения', 'Лариса', 'Любовь', 'Людмила', 'Маргарита',
  'Марина', 'Мария', 'Надежда', 'Наталья', 'Нина', 'Оксана', 'Ольга', 'Полина', 'Светлана', 'София', 'Софья', 'Татьяна',
  'Ульяна', 'Юлия', 'Яна', 'Вероника',
];
/** Stems of Russian surnames; the ending follows the person's gender. */
export const RU_LAST = [
  ['Иванов', 'Иванова'], ['Смирнов', 'Смирнова'], ['Кузнецов', 'Кузнецова'], ['Попов', 'Попова'], ['Васильев', 'Васильева'],
  ['Петров', 'Петрова'], ['Соколов', 'Соколова'], ['Михайлов', 'Михайлова'], ['Новиков', 'Новикова'], ['Фёдоров', 'Фёдорова'],
  ['Морозов', 'Морозова'], ['Волков', 'Волкова'], ['Алексеев', 'Алексеева'], ['Лебедев', 'Лебедева'], ['Семёнов', 'Семёнова'],
  ['Егоров', 'Егорова'], ['Павлов', 'Павлова'], ['Козлов', 'Козлова'], ['Степанов', 'Степанова'], ['Николаев', 'Николаева'],
  ['Орлов', 'Орлова'], ['Андреев', 'Андреева'], ['Макаров', 'Макарова'], ['Никитин', 'Никитина'], ['Захаров', 'Захарова'],
  ['Зайцев', 'Зайцева'], ['Соловьёв', 'Соловьёва'], ['Борисов', 'Борисова'], ['Яковлев', 'Яковлева'], ['Григорьев', 'Григорьева'],
  ['Романов', 'Романова'], ['Воробьёв', 'Воробьёва'], ['Сергеев', 'Сергеева'], ['Кузьмин', 'Кузьмина'], ['Фролов', 'Фролова'],
  ['Александров', 'Александрова'], ['Дмитриев', 'Дмитриева'], ['Королёв', 'Королёва'], ['Гусев', 'Гусева'], ['Киселёв', 'Киселёва'],
  ['Ильин', 'Ильина'], ['Максимов', 'Максимова'], ['Поляков', 'Полякова'], ['Сорокин', 'Сорокина'], ['Виноградов', 'Виноградова'],
  ['Ковалёв', 'Ковалёва'], ['Белов', 'Белова'], ['Медведев', 'Медведева'], ['Антонов', 'Антонова'], ['Тарасов', 'Тарасова'],
  ['Жуков', 'Жукова'], ['Баранов', 'Баранова'], ['Филиппов', 'Филиппова'], ['Комаров', 'Комарова'], ['Давыдов', 'Давыдова'],
  ['Беляев', 'Беляева'], ['Герасимов', 'Герасимова'], ['Богданов', 'Богданова'], ['Осипов', 'Осипова'], ['Сидоров', 'Сидорова'],
  ['Матвеев', 'Матвеева'], ['Титов', 'Титова'], ['Марков', 'Маркова'], ['Миронов', 'Миронова'], ['Крылов', 'Крылова'],
  ['Куликов', 'Куликова'], ['Карпов', 'Карпова'], ['Власов', 'Власова'], ['Мельников', 'Мельникова'], ['Денисов', 'Денисова'],
  ['Гаврилов', 'Гаврилова'], ['Тихонов', 'Тихонова'], ['Казаков', 'Казакова'], ['Афанасьев', 'Афанасьева'], ['Данилов', 'Данилова'],
] as const;

export const EN_BRAND_WORDS = [
  'Northwind', 'Blue River', 'Summit', 'Pinnacle', 'Evergreen', 'Silver Oak', 'Redwood', 'Ironbridge', 'Greenfield', 'Bright Star',
  'Harbour', 'Crown', 'Falcon', 'Atlas', 'Beacon', 'Cobalt', 'Granite', 'Horizon', 'Keystone', 'Lighthouse', 'Maple', 'Meridian',
  'Oakridge', 'Phoenix', 'Riverside', 'Sterling', 'Thames', 'Westgate', 'Windmill', 'Anchor', 'Apex', 'Bluebell', 'Cedar',
  'Clearwater', 'Diamond', 'Eagle', 'Fairview', 'Golden Gate', 'Highland', 'Kingsway', 'Lakeside', 'Liberty', 'Orchard',
  'Pioneer', 'Quantum', 'Royal', 'Sapphire', 'Stonebridge', 'Sunrise', 'Vanguard',
];
export const EN_TRADES = [
  'Trading', 'Logistics', 'Consulting', 'Systems', 'Foods', 'Construction', 'Motors', 'Pharma', 'Media', 'Software',
  'Engineering', 'Holdings', 'Partners', 'Supplies', 'Electric', 'Textiles', 'Design', 'Analytics', 'Security', 'Energy',
  'Furniture', 'Packaging', 'Travel', 'Dental', 'Legal Services', 'Marketing', 'Property', 'Printing', 'Chemicals', 'Foods & Drinks',
];
export const EN_FORMS = ['Ltd', 'Ltd', 'Ltd', 'LLC', 'Inc', 'PLC', 'Limited', 'Group', 'GmbH', 'LLP'];

export const RU_BRAND_WORDS = [
  'Альфа', 'Вектор', 'Гранит', 'Восток', 'Сибирь', 'Северная Звезда', 'Меридиан', 'Горизонт', 'Прогресс', 'Импульс', 'Феникс',
  'Орион', 'Русь', 'Волга', 'Урал', 'Байкал', 'Заря', 'Рассвет', 'Престиж', 'Стандарт', 'Эталон', 'Континент', 'Магистраль',
  'Техно', 'Эко', 'Нева', 'Кристалл', 'Олимп', 'Альянс', 'Капитал', 'Лидер', 'Партнёр', 'Гарант', 'Спектр', 'Атлант', 'Триумф',
  'Радуга', 'Берёзка', 'Калина', 'Янтарь',
];
export const RU_TRADES = [
  'Строй', 'Трейд', 'Логистик', 'Сервис', 'Инвест', 'Маркет', 'Агро', 'Снаб', 'Пром', 'Энерго', 'Мебель', 'Авто', 'Фарм',
  'Медиа', 'Софт', 'Консалт', 'Текстиль', 'Упаковка', 'Металл', 'Продукт', 'Транс', 'Электро', 'Девелопмент', 'Групп',
];
export const RU_FORMS = ['ООО', 'ООО', 'ООО', 'ООО', 'АО', 'ПАО', 'ЗАО'];
export const RU_FORM_NAMES: Record<string, string> = {
  ООО: 'Общество с ограниченной ответственностью', АО: 'Акционерное общество', ПАО: 'Публичное акционерное общество', ЗАО: 'Закрытое акционерное общество',
};

/** Syllables of invented brand names ("Rovantex", "Кортамис"). */
export const EN_SYLLABLES = ['ro', 'van', 'tex', 'ka', 'lin', 'dor', 'mi', 'sta', 'vel', 'zen', 'tri', 'on', 'mar', 'lo', 'nex', 'ga', 'tor', 'bel', 'qui', 'fen', 'sol', 'ar', 'cor', 'den', 'vis', 'ly', 'pra', 'tal', 'mon', 'rix'];
export const RU_SYLLABLES = ['ко', 'рта', 'мис', 'ва', 'лен', 'дор', 'ми', 'ста', 'вел', 'зен', 'три', 'он', 'мар', 'ло', 'нек', 'га', 'тор', 'бел', 'ки', 'фен', 'сол', 'ар', 'кор', 'ден', 'вис', 'ли', 'пра', 'тал', 'мон', 'рикс'];

/** Cities with rough weights: a few large ones, many small ones. */
export const RU_CITIES: [string, number][] = [
  ['Москва', 30], ['Санкт-Петербург', 14], ['Новосибирск', 5], ['Екатеринбург', 5], ['Казань', 4], ['Нижний Новгород', 4],
  ['Челябинск', 3], ['Самара', 3], ['Омск', 3], ['Ростов-на-Дону', 3], ['Уфа', 3], ['Красноярск', 3], ['Воронеж', 2], ['Пермь', 2],
  ['Волгоград', 2], ['Краснодар', 3], ['Саратов', 1], ['Тюмень', 2], ['Тольятти', 1], ['Ижевск', 1], ['Барнаул', 1], ['Иркутск', 1],
  ['Ульяновск', 1], ['Хабаровск', 1], ['Ярославль', 1], ['Владивосток', 1], ['Махачкала', 1], ['Томск', 1], ['Оренбург', 1],
  ['Кемерово', 1], ['Рязань', 1], ['Калининград', 1], ['Тула', 1], ['Сочи', 1],
];
export const EN_CITIES: [string, number][] = [
  ['London', 25], ['Manchester', 6], ['Birmingham', 6], ['Leeds', 4], ['Glasgow', 4], ['Liverpool', 4], ['Bristol', 3],
  ['Edinburgh', 3], ['Sheffield', 2], ['Cardiff', 2], ['Belfast', 2], ['Nottingham', 2], ['Leicester', 2], ['Newcastle', 2],
  ['Brighton', 2], ['Oxford', 1], ['Cambridge', 1], ['York', 1], ['New York', 5], ['Boston', 2], ['Chicago', 2], ['Dublin', 3],
  ['Riga', 2], ['Tallinn', 1], ['Vilnius', 1], ['Berlin', 2], ['Amsterdam', 2], ['Helsinki', 1], ['Warsaw', 1], ['Prague', 1],
];

export const EN_JOBS = ['Director', 'CEO', 'CFO', 'Chief Accountant', 'Purchasing Manager', 'Sales Manager', 'Office Manager', 'Head of Logistics', 'Project Manager', 'Owner', 'Procurement Lead', 'IT Manager'];
export const RU_JOBS = ['Генеральный директор', 'Директор', 'Главный бухгалтер', 'Бухгалтер', 'Менеджер по закупкам', 'Менеджер по продажам', 'Офис-менеджер', 'Начальник отдела снабжения', 'Руководитель проекта', 'Юрист', 'Коммерческий директор', 'Снабженец'];

export const TAGS = ['VIP', 'wholesale', 'retail', 'partner', 'new', 'key account', 'dealer', 'опт', 'розница', 'дилер', 'приоритет', 'тендер', 'export', 'seasonal', 'reseller'];
export const CATEGORIES = ['Key accounts', 'Wholesale', 'Retail', 'Dealers', 'Partners', 'Government', 'Small business', 'Individuals'];
export const EMAIL_DOMAINS_RU = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru'];
export const EMAIL_DOMAINS_EN = ['gmail.com', 'outlook.com', 'yahoo.co.uk', 'hotmail.com', 'icloud.com', 'btinternet.com'];

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Latin letters for e-mail addresses and domains of Russian names. */
export function translit(text: string): string {
  return [...text.toLowerCase()].map((ch) => TRANSLIT[ch] ?? ch).join('').replace(/[^a-z0-9]+/g, '');
}
