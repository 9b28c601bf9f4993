import { People1732406400000 } from './0001-people';
import { Contacts1732406500000 } from './0002-contacts';

/** In the order they run. A new migration is appended here, never edited once released. */
export const MIGRATIONS = [People1732406400000, Contacts1732406500000];
