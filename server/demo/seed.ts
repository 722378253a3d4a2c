import type { Actor } from '../access/rights.js';
import { today, type AppContext } from '../context.js';
import { clientCategoryService } from '../client-categories/service.js';
import { clientService } from '../clients/service.js';
import { companyService } from '../companies/service.js';
import { contactService } from '../contacts/service.js';
import { contractService } from '../contracts/service.js';
import { InvoiceService } from '../invoices/service.js';
import { PaymentService } from '../payments/service.js';
import { priceTypeService } from '../price-types/service.js';
import { productCategoryService } from '../product-categories/service.js';
import { productService } from '../products/service.js';
import { userService } from '../users/service.js';
import { generatePassword } from '../users/password.js';
import { divRoundHalfUp, formatDecimal, parseDecimal } from '../money/decimal.js';
import * as words from './words.js';
import { seeded as random } from './random.js';
import { addDays } from '../dates.js';
import { seedEvents } from './events.js';

/**
 * Believable demo data for a first look: our company, a catalog with two
 * price types, ~200 clients of both kinds with contacts, contracts (some
 * ending soon) and invoices in every state with partial payments. Created
 * through the same services as the API, so every rule and index applies.
 * Deterministic: the same data on every machine.
 */

export interface DemoCounts {
  [what: string]: number;
  clients: number;
  contacts: number;
  contracts: number;
  invoices: number;
  payments: number;
}

export async function seedDemo(ctx: AppContext, options: { onlyIfEmpty: boolean; clients?: number }): Promise<DemoCounts | null> {
  if (options.onlyIfEmpty && (await ctx.db('clients').first('id'))) return null;
  const admin = (await ctx.db('users').where({ role: 'admin', active: true }).orderBy('id').first('id', 'login', 'name')) as { id: number; login: string; name: string } | undefined;
  if (!admin) throw new Error('create the first admin before loading demo data');
  const actor: Actor = { id: Number(admin.id), login: admin.login, name: admin.name, role: 'admin', scope: 'all' };
  const rnd = random(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const now = today(ctx);
  const counts: DemoCounts = { clients: 0, contacts: 0, contracts: 0, invoices: 0, payments: 0 };

  // People: managers own clients; their passwords are random (an admin sets real ones).
  const users = userService(ctx);
  const managers = [actor.id];
  for (const [login, name] of [['maria', 'Maria Kalnina'], ['peter', 'Peter Novak'], ['olga', 'Olga Lindqvist']] as const) {
    const existing = (await ctx.db('users').where({ login }).first('id')) as { id: number } | undefined;
    managers.push(existing ? Number(existing.id) : (await users.create(actor, { login, name, role: 'manager', scope: 'own', password: generatePassword() })).id);
  }
  if (!(await ctx.db('users').where({ login: 'lena' }).first('id'))) {
    await users.create(actor, { login: 'lena', name: 'Lena Ozola', role: 'accountant', scope: 'all', password: generatePassword() });
  }

  const company = await companyService(ctx).create(actor, {
    name: 'Brightway Office Supply', legalName: 'Brightway Office Supply SIA', taxId: '40103245871', registrationNumber: '40103245871',
    vatNumber: 'LV40103245871', legalAddress: 'Brivibas iela 85, Riga, LV-1001, Latvia', postalAddress: 'Brivibas iela 85, Riga, LV-1001, Latvia',
    bankName: 'Baltic Commerce Bank', bankCode: 'BCBKLV22', bankAccount: 'LV80BCBK0000012345678', directorName: 'Anna Berzina',
    directorTitle: 'Managing director', accountantName: 'Lena Ozola', phone: '+371 6700 1234', email: 'office@brightway.example',
    website: 'https://brightway.example', defaultCurrency: 'EUR', defaultVatRate: '21', vatRounding: 'line',
    invoiceNumberFormat: 'INV-{YYYY}-{N:5}', contractNumberFormat: 'C-{YYYY}-{N:4}', paymentTermsDays: 14, isDefault: true,
  });

  const priceTypes = priceTypeService(ctx);
  const retail = await priceTypes.create(actor, { name: 'Retail', currency: 'EUR', isDefault: true });
  const wholesale = await priceTypes.create(actor, { name: 'Wholesale', currency: 'EUR' });
  const categories = clientCategoryService(ctx);
  const clientCategories = [
    await categories.create(actor, { name: 'Regular', discount: '0', priceTypeId: retail.id }),
    await categories.create(actor, { name: 'Gold card', discount: '10', priceTypeId: retail.id, description: 'Loyal clients: 10 % off retail prices.' }),
    await categories.create(actor, { name: 'Wholesale', discount: '0', priceTypeId: wholesale.id }),
    await categories.create(actor, { name: 'Wholesale VIP', discount: '5', priceTypeId: wholesale.id }),
  ];

  const productCategories = productCategoryService(ctx);
  const products = productService(ctx);
  const parents = new Map<string, number>();
  const productIds: number[] = [];
  let sku = 1000;
  for (const group of words.catalog) {
    if (!parents.has(group.parent)) parents.set(group.parent, (await productCategories.create(actor, { name: group.parent, position: parents.size + 1 })).id);
    const category = await productCategories.create(actor, { name: group.category, parentId: parents.get(group.parent) });
    for (const [name, kind, unit, price] of group.items) {
      const cents = parseDecimal(price, 2);
      const product = await products.create(actor, {
        kind, name, unit, sku: `BW-${sku++}`, vatRate: '21', categoryId: category.id,
        prices: [
          { priceTypeId: retail.id, amount: price },
          { priceTypeId: wholesale.id, amount: formatDecimal(divRoundHalfUp(cents * 85n, 100n), 2) },
        ],
      });
      productIds.push(product.id);
    }
  }

  const clients = clientService(ctx);
  const contacts = contactService(ctx);
  const clientIds: number[] = [];
  const usedNames = new Set<string>();
  const total = options.clients ?? 200;
  for (let i = 0; i < total; i++) {
    const legal = rnd() < 0.7;
    const city = pick(words.cities);
    const managerId = managers[1 + (i % (managers.length - 1))]!;
    const first = pick(words.firstNames);
    const last = pick(words.lastNames);
    const base = {
      city, country: 'Latvia', managerId, categoryId: pick(clientCategories).id, source: pick(words.sources),
      status: rnd() < 0.1 ? 'prospect' : rnd() < 0.05 ? 'former' : 'active',
      tags: rnd() < 0.4 ? [pick(words.tags)] : [],
      phones: [{ type: legal ? 'work' : 'mobile', number: `+371 2${digits(3)} ${digits(4)}` }],
    };
    let client;
    if (legal) {
      let name = `${pick(words.companyFirst)} ${pick(words.companySecond)}`;
      if (usedNames.has(name)) name = `${name} ${city}`;
      usedNames.add(name);
      const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
      client = await clients.create(actor, {
        ...base, kind: 'legal', name,
        legalName: `${name} ${pick(words.legalForms)}`, taxId: `4${digits(10)}`, registrationNumber: `4${digits(10)}`,
        legalAddress: `${pick(words.streets)} ${1 + Math.floor(rnd() * 120)}, ${city}`,
        bankName: 'Baltic Commerce Bank', bankCode: 'BCBKLV22', bankAccount: `LV${digits(2)}BCBK${digits(13)}`,
        directorName: `${first} ${last}`, directorTitle: 'Director',
        emails: [{ type: 'work', address: `info${i}@${slug}.example` }], website: `https://${slug}.example`,
      });
      const people = 1 + Math.floor(rnd() * 3);
      for (let p = 0; p < people; p++) {
        const cf = p === 0 ? first : pick(words.firstNames);
        const cl = p === 0 ? last : pick(words.lastNames);
        await contacts.create(actor, {
          clientId: client.id, firstName: cf, lastName: cl, jobTitle: p === 0 ? 'Director' : pick(words.jobTitles), isPrimary: p === 0,
          emails: [{ type: 'work', address: `${cf}.${cl}.${i}@${slug}.example`.toLowerCase() }],
          phones: [{ type: 'mobile', number: `+371 2${digits(3)} ${digits(4)}` }],
          birthday: rnd() < 0.3 ? addDays(now, Math.floor(rnd() * 365) - 365 * (25 + Math.floor(rnd() * 30))) : null,
        });
        counts.contacts++;
      }
    } else {
      client = await clients.create(actor, {
        ...base, kind: 'individual', firstName: first, lastName: last,
        birthday: addDays(now, -Math.floor(365.25 * (20 + rnd() * 50)) + Math.floor(rnd() * 30)),
        residenceAddress: `${pick(words.streets)} ${1 + Math.floor(rnd() * 120)}, ${city}`,
        emails: [{ type: 'personal', address: `${first}.${last}.${i}@mail.example`.toLowerCase() }],
      });
    }
    clientIds.push(client.id);
    counts.clients++;
  }

  // Contracts: most active, some ending within their notice period, some expired.
  const contractsService = contractService(ctx);
  const contractIds: { id: number; clientId: number }[] = [];
  for (let i = 0; i < 60; i++) {
    const clientId = clientIds[(i * 3) % clientIds.length]!;
    const start = addDays(now, -Math.floor(rnd() * 500));
    const endIn = i % 6 === 0 ? 5 + Math.floor(rnd() * 20) : i % 6 === 1 ? -Math.floor(1 + rnd() * 60) : 60 + Math.floor(rnd() * 300);
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({ productId: pick(productIds), quantity: String(1 + Math.floor(rnd() * 20)) }));
    const contract = await contractsService.create(actor, {
      clientId, date: start, startDate: start, endDate: addDays(now, endIn), subject: pick(['Annual supply of office goods', 'Office furniture and installation', 'Consumables and delivery', 'Service agreement']),
      autoRenew: i % 4 === 0, noticeDays: 30, status: i % 15 === 7 ? 'draft' : i % 20 === 9 ? 'terminated' : 'active', lines,
    });
    contractIds.push({ id: contract.id, clientId });
    counts.contracts++;
  }

  // Invoices over the last year, issued in date order so numbers follow dates.
  const invoices = new InvoiceService(ctx);
  const payments = new PaymentService(ctx);
  const plans = Array.from({ length: 240 }, (_, i) => {
    const under = i % 3 === 0 ? contractIds[i % contractIds.length] : undefined;
    // Skewed to recent months, as a live business's invoices are.
    return { i, date: addDays(now, -Math.floor(rnd() ** 2 * 360)), clientId: under?.clientId ?? clientIds[(i * 7) % clientIds.length]!, contractId: under?.id };
  }).sort((a, b) => a.date.localeCompare(b.date));
  for (const plan of plans) {
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => ({ productId: pick(productIds), quantity: String(1 + Math.floor(rnd() * 10)) }));
    const draft = await invoices.create(actor, {
      clientId: plan.clientId, ...(plan.contractId ? { contractId: plan.contractId } : {}), date: plan.date, lines,
    });
    counts.invoices++;
    const fate = rnd();
    if (plan.date > addDays(now, -10) && fate < 0.3) continue; // recent drafts
    const issued = await invoices.issue(actor, draft.id, { version: draft.version });
    // Older invoices are mostly paid; recent ones mostly still open.
    const old = plan.date < addDays(now, -60);
    if (fate < 0.04) {
      await invoices.cancel(actor, issued.id, { version: issued.version });
    } else if (fate < (old ? 0.9 : 0.35)) {
      const paidOn = addDays(plan.date, 3 + Math.floor(rnd() * 20));
      await payments.create(actor, { clientId: plan.clientId, date: paidOn < now ? paidOn : now, amount: issued.total, method: 'bank_transfer', reference: `Payment for ${issued.number}`, allocations: [{ invoiceId: issued.id, amount: issued.total }] });
      counts.payments++;
    } else if (fate < (old ? 0.95 : 0.55)) {
      const part = formatDecimal(divRoundHalfUp(parseDecimal(String(issued.total), 2) * 40n, 100n), 2);
      await payments.create(actor, { clientId: plan.clientId, date: plan.date < now ? addDays(plan.date, 5) : now, amount: part, method: pick(['bank_transfer', 'card', 'cash']), allocations: [{ invoiceId: issued.id, amount: part }] });
      counts.payments++;
    }
    // The rest stay unpaid: issued, or overdue once their due date passed.
  }
  // A few clients paid in advance: their credit waits for the next invoice.
  for (const clientId of clientIds.slice(0, 5)) {
    await payments.create(actor, { clientId, date: now, amount: '150.00', method: 'bank_transfer', reference: 'Advance payment' });
    counts.payments++;
  }
  Object.assign(counts, await seedEvents(ctx, actor));
  ctx.log.info('demo company created', { company: String(company.name) });
  return counts;
}
