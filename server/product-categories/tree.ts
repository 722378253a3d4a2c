import type { Knex } from 'knex';
import type { Conn } from '../db/connect.js';
import type { JsonSchema } from '../fields/json-schema.js';

/** How deep categories nest; it keeps the tree's response schema finite
 *  and is more than any catalog a small business keeps needs. */
export const MAX_DEPTH = 10;

export interface CategoryNode {
  id: number;
  name: string;
  parentId: number | null;
  position: number;
  /** Products directly in this category. */
  productCount: number;
  /** Products in this category and all its subcategories. */
  totalProductCount: number;
  children: CategoryNode[];
}

/**
 * SQL (with one binding: the category id) for the ids of a category and all
 * its descendants. UNION rather than UNION ALL, so even a cycle that got
 * into the data some other way cannot make the query run forever.
 */
export const SUBTREE_SQL =
  'WITH RECURSIVE subtree(id) AS (SELECT id FROM product_categories WHERE id = ? ' +
  'UNION SELECT c.id FROM product_categories c JOIN subtree ON c.parent_id = subtree.id) SELECT id FROM subtree';

/** Limits a query to rows whose `column` is the category or one below it. */
export function whereInSubtree(qb: Knex.QueryBuilder, column: string, categoryId: number): void {
  qb.whereRaw(`?? IN (${SUBTREE_SQL})`, [column, categoryId]);
}

/** The ids from a category up to its root, the category first. */
export async function ancestry(conn: Conn, id: number): Promise<number[]> {
  const chain: number[] = [];
  let current: number | null = id;
  while (current !== null && !chain.includes(current) && chain.length <= MAX_DEPTH) {
    chain.push(current);
    const row = (await conn('product_categories').where({ id: current }).first('parent_id')) as { parent_id: number | null } | undefined;
    current = row?.parent_id === null || row?.parent_id === undefined ? null : Number(row.parent_id);
  }
  return chain;
}

/** Levels in the subtree under a category, counting the category itself. */
export async function subtreeHeight(conn: Conn, id: number): Promise<number> {
  const result = (await conn.raw(
    'WITH RECURSIVE subtree(id, depth) AS (SELECT id, 1 FROM product_categories WHERE id = ? ' +
      'UNION SELECT c.id, subtree.depth + 1 FROM product_categories c JOIN subtree ON c.parent_id = subtree.id WHERE subtree.depth <= ?) ' +
      'SELECT MAX(depth) AS height FROM subtree',
    [id, MAX_DEPTH],
  )) as { rows?: { height: unknown }[] } | { height: unknown }[];
  const rows = Array.isArray(result) ? result : (result.rows ?? []);
  return Number(rows[0]?.height ?? 1);
}

interface CategoryRow {
  id: number;
  parent_id: number | null;
  name: string;
  position: number;
}

/** The whole category tree, siblings by position then name, with product counts. */
export async function loadTree(conn: Conn): Promise<CategoryNode[]> {
  const [rows, counts] = await Promise.all([
    conn('product_categories').select('id', 'parent_id', 'name', 'position') as Promise<CategoryRow[]>,
    conn('products').whereNotNull('category_id').groupBy('category_id').select('category_id').count({ n: '*' }) as Promise<{ category_id: number; n: unknown }[]>,
  ]);
  const direct = new Map(counts.map((c) => [Number(c.category_id), Number(c.n)]));
  const nodes = new Map<number, CategoryNode>(
    rows.map((r) => [
      Number(r.id),
      { id: Number(r.id), name: r.name, parentId: r.parent_id === null ? null : Number(r.parent_id), position: Number(r.position), productCount: direct.get(Number(r.id)) ?? 0, totalProductCount: 0, children: [] },
    ]),
  );
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: CategoryNode, b: CategoryNode) => a.position - b.position || a.name.localeCompare(b.name) || a.id - b.id;
  const finish = (list: CategoryNode[], depth: number): number => {
    list.sort(order);
    let total = 0;
    for (const node of list) {
      if (depth >= MAX_DEPTH) node.children = []; // only reachable with data written around the API
      node.totalProductCount = node.productCount + finish(node.children, depth + 1);
      total += node.totalProductCount;
    }
    return total;
  };
  finish(roots, 1);
  return roots;
}

/** The JSON Schema of a tree node, unrolled MAX_DEPTH levels deep. */
export function treeNodeSchema(levels = MAX_DEPTH): JsonSchema {
  return {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      parentId: { type: ['integer', 'null'] },
      position: { type: 'integer' },
      productCount: { type: 'integer', description: 'Products directly in this category.' },
      totalProductCount: { type: 'integer', description: 'Products in this category and its subcategories.' },
      children: levels > 1 ? { type: 'array', items: treeNodeSchema(levels - 1) } : { type: 'array', maxItems: 0 },
    },
    required: ['id', 'name', 'parentId', 'position', 'productCount', 'totalProductCount', 'children'],
    additionalProperties: false,
  };
}
