// Every migration, in order. Add new ones at the end; never edit one that has shipped.
import type { Migration } from '../migration';
import { migration0001 } from './0001-offline-cache';
import { migration0002 } from './0002-notes-outbox';
import { migration0003 } from './0003-handoff-events';
import { migration0004 } from './0004-reply-library';

export const storeMigrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];
