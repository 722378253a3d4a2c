import type { EntityDef } from './records/entity.js';
import { userEntity } from './users/entity.js';
import { clientEntity } from './clients/entity.js';

/** Every entity with field metadata. */
export const entities: EntityDef[] = [userEntity, clientEntity];
