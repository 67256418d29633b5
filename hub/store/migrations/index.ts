import type { Migration } from '../migrator';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-messages-and-feedback';
import { migration0003 } from './0003-webhook-outbox';
import { migration0004 } from './0004-supervision';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];
