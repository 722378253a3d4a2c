/** A product category as GET /product-categories/tree sends it. */
export interface CategoryNode {
  id: number;
  name: string;
  parentId: number | null;
  position: number;
  productCount: number;
  totalProductCount: number;
  children: CategoryNode[];
}

export interface FlatCategory {
  node: CategoryNode;
  depth: number;
}

/** The tree in display order, each category with its depth (0 = top level). */
export function flatten(nodes: CategoryNode[], depth = 0, out: FlatCategory[] = []): FlatCategory[] {
  for (const node of nodes) {
    out.push({ node, depth });
    flatten(node.children, depth + 1, out);
  }
  return out;
}

export function findCategory(nodes: CategoryNode[], id: number): CategoryNode | null {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findCategory(node.children, id);
    if (found) return found;
  }
  return null;
}

/** The category and all categories inside it: where it cannot be moved to. */
export function subtreeIds(node: CategoryNode): Set<number> {
  return new Set(flatten([node]).map((f) => f.node.id));
}

/** Names from the top level down to the category ("Office supplies › Paper"). */
export function categoryPath(nodes: CategoryNode[], id: number): string[] {
  for (const node of nodes) {
    if (node.id === id) return [node.name];
    const rest = categoryPath(node.children, id);
    if (rest.length) return [node.name, ...rest];
  }
  return [];
}
