import { In, Not, type EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type { Permission } from '@shared/permissions';
import type { MemberDto } from '@shared/types/people';
import { isAdminOrAbove, type Actor } from '../auth/actor';
import { assertMayGrant, permissionsBeyond } from '../auth/grant-guard';
import type { SessionStore } from '../auth/session-store';
import type { CoreContext } from '../core-context';
import {
  RoleEntity,
  RolePermissionEntity,
  UserRoleEntity,
  WithdrawnPermissionEntity,
} from '../db/entities/role';
import { UserEntity, type UserRow } from '../db/entities/user';
import { toE164 } from '../util/phone';
import { resetPassword } from './user-credentials';
import { toMemberDtos } from './user-directory';
import type { ReadManager } from '../db/read-db';

type CreateInput = ParsedInputOf<'members.create'>;
type UpdateInput = ParsedInputOf<'members.update'>;

export class MemberService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly sessions: SessionStore,
  ) {}

  private get rbac(): boolean {
    return this.ctx.config.features.IS_ROLE_BASED_ACCESS_CONTROL_ENABLED;
  }

  async list(): Promise<MemberDto[]> {
    const users = await this.ctx.db.getRepository(UserEntity).find({ order: { name: 'ASC' } });
    return toMemberDtos(this.ctx.db.manager, users, this.rbac);
  }

  async get(id: number): Promise<MemberDto> {
    const user = await this.findUser(this.ctx.db.manager, id);
    const [dto] = await toMemberDtos(this.ctx.db.manager, [user], this.rbac);
    return dto!;
  }

  async create(actor: Actor, input: CreateInput): Promise<MemberDto> {
    const phone = this.normalizePhone(input.phone);
    const passwordHash = await this.ctx.passwords.hash(input.password);
    const id = await this.ctx.tx.run(async (m) => {
      await this.assertUnique(m, { username: input.username, email: input.email });
      await this.assertRolesExist(m, input.roleIds);
      await this.assertMayGive(m, actor, input.roleIds);
      const now = this.ctx.clock.now();
      const result = await m.getRepository(UserEntity).insert({
        username: input.username,
        name: input.name,
        email: input.email,
        phone,
        kind: 'member',
        passwordHash,
        // Whoever set this password knows it: the member picks their own at first login.
        mustChangePassword: true,
        disabled: false,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const userId = result.identifiers[0]!.id as number;
      if (input.roleIds.length) {
        await m.getRepository(UserRoleEntity).insert(input.roleIds.map((roleId) => ({ userId, roleId })));
      }
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'member.created',
        targetType: 'user',
        targetId: userId,
        details: { username: input.username, email: input.email, roleIds: input.roleIds },
      });
      return userId;
    });
    this.ctx.events.publish('people.changed', { reason: 'member.created' });
    return this.get(id);
  }

  async update(actor: Actor, input: UpdateInput): Promise<MemberDto> {
    const ended = await this.ctx.tx.run(async (m) => {
      const user = await this.findUser(m, input.id);
      this.assertMayManage(actor, user);
      if (input.disabled !== undefined && user.kind === 'super_admin') {
        throw new AppError('CONFLICT', 'The super admin cannot be disabled');
      }
      if (input.disabled && user.id === actor.user.id) {
        throw new AppError('CONFLICT', 'You cannot disable yourself');
      }
      if (input.email !== undefined && input.email !== user.email) {
        await this.assertUnique(m, { email: input.email }, user.id);
      }
      const changes: Partial<UserRow> = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.email !== undefined) changes.email = input.email;
      if (input.phone !== undefined) changes.phone = this.normalizePhone(input.phone);
      if (input.disabled !== undefined) changes.disabled = input.disabled;
      await m
        .getRepository(UserEntity)
        .update({ id: user.id }, { ...changes, updatedAt: this.ctx.clock.now() });
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'member.updated',
        targetType: 'user',
        targetId: user.id,
        details: changes,
      });
      return input.disabled ? this.sessions.endAllFor(m, user.id) : [];
    });
    if (ended.length) this.ctx.events.publish('session.ended', { reason: 'disabled' }, ended);
    this.ctx.events.publish('people.changed', { reason: 'member.updated' });
    return this.get(input.id);
  }

  async setRoles(actor: Actor, id: number, roleIds: number[]): Promise<MemberDto> {
    const unique = [...new Set(roleIds)];
    await this.ctx.tx.run(async (m) => {
      const user = await this.findUser(m, id);
      this.assertMayManage(actor, user);
      if (user.id === actor.user.id) throw new AppError('CONFLICT', 'You cannot change your own roles');
      await this.assertRolesExist(m, unique);
      await this.assertMayGive(m, actor, unique);
      const links = m.getRepository(UserRoleEntity);
      const before = (await links.findBy({ userId: id })).map((l) => l.roleId);
      await links.delete({ userId: id });
      if (unique.length) await links.insert(unique.map((roleId) => ({ userId: id, roleId })));
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'member.roles_set',
        targetType: 'user',
        targetId: id,
        details: { before, after: unique },
      });
    });
    this.ctx.events.publish('people.changed', { reason: 'member.roles_set' });
    return this.get(id);
  }

  async resetPassword(actor: Actor, id: number, password: string): Promise<MemberDto> {
    const passwordHash = await this.ctx.passwords.hash(password);
    const ended = await this.ctx.tx.run(async (m) => {
      const user = await this.findUser(m, id);
      this.assertMayManage(actor, user);
      if (user.id === actor.user.id) {
        throw new AppError('CONFLICT', 'Change your own password from the user menu');
      }
      await resetPassword(m, id, passwordHash, this.ctx.clock.now());
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'member.password_reset',
        targetType: 'user',
        targetId: id,
      });
      return this.sessions.endAllFor(m, id);
    });
    if (ended.length) this.ctx.events.publish('session.ended', { reason: 'password_changed' }, ended);
    return this.get(id);
  }

  async setAdmin(actor: Actor, id: number, admin: boolean): Promise<MemberDto> {
    await this.ctx.tx.run(async (m) => {
      const user = await this.findUser(m, id);
      if (user.kind === 'super_admin')
        throw new AppError('CONFLICT', 'The super admin is always the super admin');
      if (user.id === actor.user.id)
        throw new AppError('CONFLICT', 'You cannot change your own admin status');
      const kind = admin ? 'admin' : 'member';
      if (user.kind === kind) return;
      await m.getRepository(UserEntity).update({ id }, { kind, updatedAt: this.ctx.clock.now() });
      // Limits belong to one spell as admin. A new admin holds everything the one who made them
      // holds: all of it when the super admin does it, less what was withdrawn from a limited admin.
      const withdrawals = m.getRepository(WithdrawnPermissionEntity);
      await withdrawals.delete({ userId: id });
      const beyond = admin ? permissionsBeyond(actor) : [];
      if (beyond.length) await withdrawals.insert(beyond.map((permission) => ({ userId: id, permission })));
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: admin ? 'member.made_admin' : 'member.admin_removed',
        targetType: 'user',
        targetId: id,
      });
    });
    this.ctx.events.publish('people.changed', { reason: 'member.admin_changed' });
    return this.get(id);
  }

  async setWithdrawn(actor: Actor, id: number, withdrawn: Permission[]): Promise<MemberDto> {
    await this.ctx.tx.run(async (m) => {
      const user = await this.findUser(m, id);
      if (user.kind !== 'admin') {
        throw new AppError(
          'CONFLICT',
          user.kind === 'super_admin'
            ? 'The super admin holds every permission and cannot be limited'
            : 'Only an admin’s permissions can be withdrawn; give members roles instead',
        );
      }
      const repo = m.getRepository(WithdrawnPermissionEntity);
      const before = (await repo.findBy({ userId: id })).map((w) => w.permission);
      await repo.delete({ userId: id });
      if (withdrawn.length) await repo.insert(withdrawn.map((permission) => ({ userId: id, permission })));
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'admin.permissions_withdrawn',
        targetType: 'user',
        targetId: id,
        details: { before, after: withdrawn },
      });
    });
    this.ctx.events.publish('people.changed', { reason: 'admin.permissions_withdrawn' });
    return this.get(id);
  }

  private async findUser(m: ReadManager, id: number): Promise<UserRow> {
    const user = await m.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw new AppError('NOT_FOUND', `No member with id ${id}`);
    return user;
  }

  /** Only admins change admins, and only the super admin changes the super admin. */
  private assertMayManage(actor: Actor, target: UserRow): void {
    if (target.kind === 'super_admin' && actor.user.kind !== 'super_admin') {
      throw new AppError('FORBIDDEN', 'Only the super admin can change the super admin');
    }
    if (target.kind === 'admin' && !isAdminOrAbove(actor)) {
      throw new AppError('FORBIDDEN', 'Only an admin can change an admin');
    }
  }

  private normalizePhone(phone: string | null | undefined): string | null {
    if (!phone) return null;
    const e164 = toE164(phone, this.ctx.organization.defaultCountry);
    if (!e164) {
      throw new AppError('VALIDATION', 'That is not a phone number', {
        fields: [{ field: 'phone', message: 'Not a phone number: add the country code, e.g. +91…' }],
      });
    }
    return e164;
  }

  private async assertUnique(
    m: EntityManager,
    values: { username?: string; email?: string },
    exceptId?: number,
  ): Promise<void> {
    const repo = m.getRepository(UserEntity);
    const notSelf = exceptId ? { id: Not(exceptId) } : {};
    if (values.username && (await repo.existsBy({ username: values.username, ...notSelf }))) {
      throw new AppError('CONFLICT', 'That username is taken', {
        fields: [{ field: 'username', message: 'Already taken' }],
      });
    }
    if (values.email && (await repo.existsBy({ email: values.email, ...notSelf }))) {
      throw new AppError('CONFLICT', 'That email belongs to another member', {
        fields: [{ field: 'email', message: 'Already in use' }],
      });
    }
  }

  private async assertMayGive(m: EntityManager, actor: Actor, roleIds: number[]): Promise<void> {
    if (!roleIds.length) return;
    const grants = await m.getRepository(RolePermissionEntity).findBy({ roleId: In(roleIds) });
    assertMayGrant(
      actor,
      grants.map((g) => g.permission),
      'give a role',
    );
  }

  private async assertRolesExist(m: EntityManager, roleIds: number[]): Promise<void> {
    if (!roleIds.length) return;
    const found = await m.getRepository(RoleEntity).countBy({ id: In(roleIds) });
    if (found !== new Set(roleIds).size) {
      throw new AppError('VALIDATION', 'A chosen role does not exist', {
        fields: [{ field: 'roleIds', message: 'Unknown role' }],
      });
    }
  }
}
