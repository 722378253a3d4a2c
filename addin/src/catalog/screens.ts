import type { Screen } from '../shell/screens.js';
import { CatalogScreen } from './CatalogScreen.js';
import { ClientCategories } from './ClientCategories.js';
import { PriceTypes } from './PriceTypes.js';
import { ProductCard, ProductNew } from './ProductCard.js';

export const catalogScreens: Screen[] = [
  { pattern: 'catalog', component: CatalogScreen },
  { pattern: 'catalog/price-types', component: PriceTypes },
  { pattern: 'catalog/client-categories', component: ClientCategories },
  { pattern: 'catalog/products/new', component: ProductNew },
  { pattern: 'catalog/products/:id', component: ProductCard },
];
