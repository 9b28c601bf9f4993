import { z } from 'zod';
import { needs, operation, SUPER_ADMIN } from './define';
import {
  emailField,
  idField,
  nameField,
  passwordField,
  permissionListField,
  phoneField,
  usernameField,
} from './fields';
import type { AuditActorDto, AuditEntryDto, MemberDto } from '../types/people';

export const memberOperations = {
  'members.list': operation<MemberDto[]>()({
    summary: 'Every member of the organization',
    access: needs('members.read'),
    input: z.object({}).strict(),
  }),
  'members.create': operation<MemberDto>()({
    summary: 'Create a member (nobody registers themselves)',
    access: needs('members.write'),
    input: z
      .object({
        username: usernameField,
        name: nameField,
        email: emailField,
        phone: phoneField,
        password: passwordField,
        roleIds: z.array(idField).default([]),
      })
      .strict(),
  }),
  'members.update': operation<MemberDto>()({
    summary: 'Edit a member’s details, disable or enable them',
    access: needs('members.write'),
    input: z
      .object({
        id: idField,
        name: nameField.optional(),
        email: emailField.optional(),
        phone: phoneField,
        disabled: z.boolean().optional(),
      })
      .strict(),
  }),
  'members.setRoles': operation<MemberDto>()({
    summary: 'Assign roles to a member (granting permissions is member management)',
    access: needs('members.write'),
    input: z.object({ id: idField, roleIds: z.array(idField) }).strict(),
  }),
  'members.resetPassword': operation<MemberDto>()({
    summary: 'Set a new password that the member must change at next login',
    access: needs('members.write'),
    input: z.object({ id: idField, password: passwordField }).strict(),
  }),
  'members.setAdmin': operation<MemberDto>()({
    summary: 'Make a member an admin, or an admin a member again',
    access: needs('members.write', { adminOnly: true }),
    input: z.object({ id: idField, admin: z.boolean() }).strict(),
  }),
  'members.setWithdrawnPermissions': operation<MemberDto>()({
    summary: 'Withdraw single permissions from an admin (super admin only)',
    access: SUPER_ADMIN,
    input: z.object({ id: idField, withdrawn: permissionListField }).strict(),
  }),
  'audit.list': operation<AuditEntryDto[]>()({
    summary: 'Who changed what and when, newest first; by person, by kind of thing, page by page',
    access: needs('audit.read'),
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        /** Only what this person did; null: only what Wapidesk did by itself (webhooks, the runner). */
        actorUserId: idField.nullable().optional(),
        /** Only changes to this kind of thing: contact, list, campaign, user, role, token… */
        targetType: z.string().trim().min(1).max(40).optional(),
        /** The next page: entries older than this id. */
        beforeId: idField.optional(),
      })
      .strict(),
  }),
  'audit.actors': operation<AuditActorDto[]>()({
    summary: 'Everyone who appears in the audit log, for its person filter',
    access: needs('audit.read'),
    input: z.object({}).strict(),
  }),
};
