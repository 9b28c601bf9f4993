import { People1732406400000 } from './0001-people';

/** In the order they run. A new migration is appended here, never edited once released. */
export const MIGRATIONS = [People1732406400000];
