import { readFileSync } from 'node:fs';
import type { CoreEvent, CoreEventOf } from '@shared/events';
import type { InputOf } from '@shared/operations';
import type { ContactDto } from '@shared/types/contacts';
import type { Core } from '../../../electron/core/create-core';
import { ok } from '../../helpers/dispatch';
import { signInOwner } from '../../helpers/people';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

/** A core on an in-memory database (organization in India) and the super admin's session. */
export interface ContactsWorld {
  tc: TestCore;
  core: Core;
  token: string;
  /** Every event the core published since the world was made. */
  events: CoreEvent[];
}

export async function contactsWorld(): Promise<ContactsWorld> {
  const tc = await makeTestCore();
  const token = await signInOwner(tc);
  const events: CoreEvent[] = [];
  tc.core.events.subscribe(({ to: _to, ...event }) => events.push(event));
  return { tc, core: tc.core, token, events };
}

export function addContact(world: ContactsWorld, input: InputOf<'contacts.create'>): Promise<ContactDto> {
  return ok(world.core, world.token, 'contacts.create', input);
}

export function base64(content: string | Buffer): string {
  return (typeof content === 'string' ? Buffer.from(content) : content).toString('base64');
}

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/csv/${name}`, import.meta.url));
}

/** Imports CSV text with the suggested mapping (or the one given) through the dispatcher. */
export async function importCsv(
  world: ContactsWorld,
  content: string | Buffer,
  options: Partial<InputOf<'contacts.importRun'>> = {},
) {
  const contentBase64 = base64(content);
  const mapping =
    options.mapping ??
    (await ok(world.core, world.token, 'contacts.importPreview', { fileName: 'test.csv', contentBase64 }))
      .suggestedMapping;
  return ok(world.core, world.token, 'contacts.importRun', {
    importId: 'test-import',
    contentBase64,
    listIds: [],
    tags: [],
    ...options,
    mapping,
  });
}

/** All contacts (up to 200), by name. */
export async function allContacts(world: ContactsWorld): Promise<ContactDto[]> {
  return (await ok(world.core, world.token, 'contacts.list', { pageSize: 200 })).items;
}

export type ImportProgressPayload = CoreEventOf<'import.progress'>['payload'];
