import type { EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type { Permission } from '@shared/permissions';
import type { RoleDto } from '@shared/types/people';
import type { Actor } from '../auth/actor';
import { assertMayGrant } from '../auth/grant-guard';
import type { CoreContext } from '../core-context';
import { RoleEntity, RolePermissionEntity, UserRoleEntity, type RoleRow } from '../db/entities/role';
import type { ReadManager } from '../db/read-db';

export class RoleService {
  constructor(private readonly ctx: CoreContext) {}

  async list(): Promise<RoleDto[]> {
    const m = this.ctx.db.manager;
    const [roles, grants, links] = await Promise.all([
      m.getRepository(RoleEntity).find({ order: { name: 'ASC' } }),
      m.getRepository(RolePermissionEntity).find(),
      m.getRepository(UserRoleEntity).find(),
    ]);
    return roles.map((role) => this.toDto(role, grants, links));
  }

  async get(id: number): Promise<RoleDto> {
    const role = await this.find(this.ctx.db.manager, id);
    const m = this.ctx.db.manager;
    const [grants, links] = await Promise.all([
      m.getRepository(RolePermissionEntity).findBy({ roleId: id }),
      m.getRepository(UserRoleEntity).findBy({ roleId: id }),
    ]);
    return this.toDto(role, grants, links);
  }

  async create(actor: Actor, input: ParsedInputOf<'roles.create'>): Promise<RoleDto> {
    assertMayGrant(actor, input.permissions, 'make a role');
    const id = await this.ctx.tx.run(async (m) => {
      await this.assertNameFree(m, input.name);
      const now = this.ctx.clock.now();
      const result = await m
        .getRepository(RoleEntity)
        .insert({ name: input.name, description: input.description, createdAt: now, updatedAt: now });
      const roleId = result.identifiers[0]!.id as number;
      await this.writePermissions(m, roleId, input.permissions);
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'role.created',
        targetType: 'role',
        targetId: roleId,
        details: { name: input.name, permissions: input.permissions },
      });
      return roleId;
    });
    this.ctx.events.publish('people.changed', { reason: 'role.created' });
    return this.get(id);
  }

  async update(actor: Actor, input: ParsedInputOf<'roles.update'>): Promise<RoleDto> {
    await this.ctx.tx.run(async (m) => {
      const role = await this.find(m, input.id);
      if (input.name !== undefined && input.name !== role.name)
        await this.assertNameFree(m, input.name, role.id);
      const changes: Partial<RoleRow> = { updatedAt: this.ctx.clock.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.description !== undefined) changes.description = input.description;
      await m.getRepository(RoleEntity).update({ id: role.id }, changes);
      let before: string[] | undefined;
      if (input.permissions) {
        before = (await m.getRepository(RolePermissionEntity).findBy({ roleId: role.id })).map(
          (g) => g.permission,
        );
        const had = new Set(before);
        assertMayGrant(
          actor,
          input.permissions.filter((p) => !had.has(p)),
          'add to a role',
        );
        await m.getRepository(RolePermissionEntity).delete({ roleId: role.id });
        await this.writePermissions(m, role.id, input.permissions);
      }
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'role.updated',
        targetType: 'role',
        targetId: role.id,
        details: {
          name: input.name,
          description: input.description,
          ...(input.permissions ? { before, after: input.permissions } : {}),
        },
      });
    });
    this.ctx.events.publish('people.changed', { reason: 'role.updated' });
    return this.get(input.id);
  }

  async delete(actor: Actor, id: number): Promise<void> {
    await this.ctx.tx.run(async (m) => {
      const role = await this.find(m, id);
      const members = await m.getRepository(UserRoleEntity).countBy({ roleId: id });
      await m.getRepository(RoleEntity).delete({ id });
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'role.deleted',
        targetType: 'role',
        targetId: id,
        details: { name: role.name, members },
      });
    });
    this.ctx.events.publish('people.changed', { reason: 'role.deleted' });
  }

  private toDto(
    role: RoleRow,
    grants: { roleId: number; permission: string }[],
    links: { roleId: number }[],
  ): RoleDto {
    return {
      id: role.id,
      name: role.name,
      description: role.description,
      permissions: grants.filter((g) => g.roleId === role.id).map((g) => g.permission as Permission),
      memberCount: links.filter((l) => l.roleId === role.id).length,
      createdAt: role.createdAt.toISOString(),
      updatedAt: role.updatedAt.toISOString(),
    };
  }

  private async find(m: ReadManager, id: number): Promise<RoleRow> {
    const role = await m.getRepository(RoleEntity).findOneBy({ id });
    if (!role) throw new AppError('NOT_FOUND', `No role with id ${id}`);
    return role;
  }

  private async assertNameFree(m: EntityManager, name: string, exceptId?: number): Promise<void> {
    // The column is COLLATE NOCASE, so "Sales" and "sales" clash here as they would on insert.
    const clash = await m
      .getRepository(RoleEntity)
      .createQueryBuilder('role')
      .where('role.name = :name COLLATE NOCASE', { name })
      .andWhere(exceptId ? 'role.id != :exceptId' : '1 = 1', { exceptId })
      .getExists();
    if (clash) {
      throw new AppError('CONFLICT', `A role named “${name}” exists already`, {
        fields: [{ field: 'name', message: 'Already taken' }],
      });
    }
  }

  private async writePermissions(m: EntityManager, roleId: number, permissions: Permission[]): Promise<void> {
    if (permissions.length) {
      await m
        .getRepository(RolePermissionEntity)
        .insert(permissions.map((permission) => ({ roleId, permission })));
    }
  }
}
