/** Word lists for believable demo data. */

export const companyFirst = [
  'Northwind', 'Bluebird', 'Cedar', 'Harbor', 'Summit', 'Oakridge', 'Silverline', 'Redstone', 'Greenfield', 'Brightway',
  'Ironwood', 'Lakeside', 'Maple', 'Pioneer', 'Granite', 'Sterling', 'Atlas', 'Meridian', 'Horizon', 'Evergreen',
  'Baltic', 'Amber', 'Polar', 'Vistula', 'Danube', 'Nordic', 'Alpine', 'Riverside', 'Falcon', 'Beacon',
];
export const companySecond = [
  'Trading', 'Logistics', 'Dental Clinic', 'Bakery', 'Architects', 'Print House', 'Motors', 'Consulting', 'Hotels', 'Pharmacy',
  'Builders', 'Foods', 'Textiles', 'Accounting', 'Law Office', 'Media', 'Engineering', 'Flowers', 'Fitness', 'Opticians',
];
export const legalForms = ['Ltd', 'LLC', 'GmbH', 'Inc.', 'SIA', 'OÜ', 'Sp. z o.o.', 'AB'];

export const firstNames = [
  'Anna', 'Boris', 'Clara', 'Daniel', 'Elena', 'Felix', 'Greta', 'Hugo', 'Irina', 'Jonas', 'Katarina', 'Lukas', 'Maria', 'Nikolai',
  'Olga', 'Peter', 'Rita', 'Sergei', 'Tanja', 'Viktor', 'Julia', 'Marek', 'Ewa', 'Tomas', 'Laura', 'Oskar', 'Sofia', 'Erik',
];
export const lastNames = [
  'Berzina', 'Kalnins', 'Novak', 'Schneider', 'Petrov', 'Ivanova', 'Lindqvist', 'Kowalski', 'Tamm', 'Ozols', 'Fischer', 'Sokolova',
  'Jansen', 'Horvath', 'Weber', 'Nilsson', 'Kozlov', 'Vasquez', 'Martin', 'Dubois', 'Rossi', 'Moreau', 'Klein', 'Wagner',
];
export const jobTitles = ['Director', 'Chief accountant', 'Purchasing manager', 'Office manager', 'Head of sales', 'Owner', 'Lawyer', 'IT manager'];
export const cities = ['Riga', 'Tallinn', 'Vilnius', 'Warsaw', 'Berlin', 'Helsinki', 'Stockholm', 'Gdansk', 'Tartu', 'Kaunas', 'Hamburg', 'Copenhagen'];
export const streets = ['Brivibas iela', 'Main Street', 'Harbour Road', 'Market Square', 'Park Avenue', 'Station Road', 'Old Town', 'Mill Lane'];
export const sources = ['Website', 'Referral', 'Trade fair', 'Cold call', 'Advertising', 'Partner'];
export const tags = ['vip', 'newsletter', 'wholesale', 'late payer', 'partner', 'government', 'key account'];

export const catalog: { category: string; parent: string; items: [string, 'good' | 'service', string, string][] }[] = [
  { parent: 'Office supplies', category: 'Paper', items: [['A4 copy paper, 500 sheets', 'good', 'pack', '5.40'], ['A3 copy paper, 500 sheets', 'good', 'pack', '11.90'], ['Recycled notebook A5', 'good', 'pcs', '2.75'], ['Sticky notes 76×76, 12 pads', 'good', 'pack', '8.20']] },
  { parent: 'Office supplies', category: 'Pens and markers', items: [['Ballpoint pen, blue, 50', 'good', 'box', '14.50'], ['Whiteboard markers, 4 colours', 'good', 'set', '6.90'], ['Highlighters, 6 colours', 'good', 'set', '5.30']] },
  { parent: 'Office supplies', category: 'Toner and ink', items: [['Toner cartridge, black', 'good', 'pcs', '64.00'], ['Ink cartridge set, colour', 'good', 'set', '42.50']] },
  { parent: 'Furniture', category: 'Chairs', items: [['Ergonomic office chair', 'good', 'pcs', '289.00'], ['Visitor chair, stackable', 'good', 'pcs', '79.00']] },
  { parent: 'Furniture', category: 'Desks', items: [['Height-adjustable desk 160×80', 'good', 'pcs', '549.00'], ['Meeting table for 6', 'good', 'pcs', '410.00'], ['Mobile pedestal, 3 drawers', 'good', 'pcs', '135.00']] },
  { parent: 'Services', category: 'Delivery', items: [['Delivery within the city', 'service', 'trip', '15.00'], ['Express delivery, same day', 'service', 'trip', '35.00']] },
  { parent: 'Services', category: 'Installation', items: [['Furniture assembly', 'service', 'h', '32.00'], ['Printer installation and setup', 'service', 'h', '45.00']] },
  { parent: 'Services', category: 'Consulting', items: [['Office layout consulting', 'service', 'h', '80.00'], ['Annual supply contract management', 'service', 'month', '120.00']] },
];
