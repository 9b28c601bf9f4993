import { z } from 'zod';
import { listOutput } from '../outputs/contacts';
import { needs, operation } from './define';
import { idField } from './fields';
import type { ListDto, ListMemberDto, Page } from '../types/contacts';

const listName = z.string().trim().min(1, 'Required').max(80);
const listTag = z.string().trim().toLowerCase().min(1).max(40);
const contactIds = z.array(idField).min(1, 'Choose at least one contact').max(100_000);

export const listOperations = {
  'lists.list': operation<ListDto[]>()({
    summary: 'Every list with its counts',
    output: z.array(listOutput),
    access: needs('lists.read'),
    input: z.object({}).strict(),
  }),
  'lists.get': operation<ListDto>()({
    summary: 'One list',
    access: needs('lists.read'),
    input: z.object({ id: idField }).strict(),
  }),
  'lists.create': operation<ListDto>()({
    summary: 'Create a list',
    output: listOutput,
    access: needs('lists.write'),
    input: z
      .object({
        name: listName,
        description: z.string().trim().max(500).default(''),
        tags: z.array(listTag).max(20).default([]),
      })
      .strict(),
  }),
  'lists.update': operation<ListDto>()({
    summary: 'Rename, describe or tag a list',
    access: needs('lists.write'),
    input: z
      .object({
        id: idField,
        name: listName.optional(),
        description: z.string().trim().max(500).optional(),
        tags: z.array(listTag).max(20).optional(),
      })
      .strict(),
  }),
  'lists.delete': operation<{ ok: true }>()({
    summary: 'Delete a list; its contacts stay',
    access: needs('lists.write'),
    input: z.object({ id: idField }).strict(),
  }),
  'lists.members': operation<Page<ListMemberDto>>()({
    summary: 'The members of a list, subscribed or not',
    access: needs('lists.read'),
    input: z
      .object({
        listId: idField,
        subscribed: z.boolean().optional(),
        search: z.string().trim().max(200).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(25),
      })
      .strict(),
  }),
  'lists.addContacts': operation<{ added: number }>()({
    summary: 'Add contacts to a list (re-subscribes those who had left)',
    output: z.object({ added: z.number().int() }).strict(),
    access: needs('lists.write'),
    input: z.object({ listId: idField, contactIds }).strict(),
  }),
  'lists.removeContacts': operation<{ removed: number }>()({
    summary: 'Take contacts off a list altogether',
    output: z.object({ removed: z.number().int() }).strict(),
    access: needs('lists.write'),
    input: z.object({ listId: idField, contactIds }).strict(),
  }),
  'lists.setSubscription': operation<{ affected: number }>()({
    summary: 'Unsubscribe contacts from a list (they stay recorded as having been on it), or resubscribe',
    access: needs('lists.write'),
    input: z.object({ listId: idField, contactIds, subscribed: z.boolean() }).strict(),
  }),
};
