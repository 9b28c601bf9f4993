import type { z } from 'zod';
import type { Permission } from '../permissions';

/**
 * Who may call an operation. `signedIn` operations stay open while a user must still change the
 * initial password; every other non-public operation is refused until they have.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'permission'; permission: Permission; adminOnly?: boolean }
  | { kind: 'superAdmin' };

export interface OperationDef<Input extends z.ZodType, Result> {
  input: Input;
  access: Access;
  summary: string;
  /**
   * The result as a schema: the token API documents its answers from it, and a test checks real
   * answers against it. Every operation routed to /api/v1 has one (a test makes sure).
   */
  output?: z.ZodType<Result>;
  /** Phantom: carries the result type to both ends of the contract; never set at run time. */
  readonly result?: Result;
}

/** Declares an operation; the result type is given explicitly, the input type is inferred. */
export function operation<Result>() {
  return <Input extends z.ZodType>(def: {
    input: Input;
    access: Access;
    summary: string;
    output?: z.ZodType<Result>;
  }): OperationDef<Input, Result> => def;
}

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signedIn' };
export const SUPER_ADMIN: Access = { kind: 'superAdmin' };
export function needs(permission: Permission, options: { adminOnly?: boolean } = {}): Access {
  return { kind: 'permission', permission, ...options };
}
