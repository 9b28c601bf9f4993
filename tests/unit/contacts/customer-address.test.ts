import { describe, expect, it } from 'vitest';
import { isBusinessUserId } from '@shared/customer-id';
import { customerAddress, sendTarget } from '../../../electron/core/util/customer-address';

/** How a customer is addressed whether known by number or by user id (issue 13). */
describe('customer addresses', () => {
  it('tells a business-scoped user id from a WhatsApp id', () => {
    expect(isBusinessUserId('US.13491208655302741918')).toBe(true);
    expect(isBusinessUserId('US.ENT.11815799212886844830')).toBe(true);
    expect(isBusinessUserId('919876543210')).toBe(false);
    expect(isBusinessUserId('+919876543210')).toBe(false);
    expect(isBusinessUserId('noor.bakes')).toBe(false);
    expect(isBusinessUserId('us.1349')).toBe(false);
  });

  it('reaches a customer by WhatsApp id when known, else by user id', () => {
    expect(customerAddress({ waId: '919876543210', userId: 'US.1' })).toBe('919876543210');
    expect(customerAddress({ waId: null, userId: 'US.1' })).toBe('US.1');
    expect(() => customerAddress({ waId: null, userId: null })).toThrow(/neither/);
  });

  it('sends to E.164 with its plus, or to the user id as it is', () => {
    expect(sendTarget('919876543210')).toBe('+919876543210');
    expect(sendTarget('US.13491208655302741918')).toBe('US.13491208655302741918');
  });
});
