import { actorOf, type HandlerMap } from '../dispatcher/handler';
import type { OrganizationService } from '../organization/organization-service';
import type { DemoCustomers } from '../getting-started/demo-customers';
import type { GettingStartedService } from '../getting-started/getting-started-service';

type OrganizationHandlers = Pick<
  HandlerMap,
  | 'organization.get'
  | 'organization.update'
  | 'gettingStarted.status'
  | 'gettingStarted.mark'
  | 'sandbox.customers'
  | 'sandbox.addDemoContacts'
>;

export function organizationHandlers(
  organization: OrganizationService,
  gettingStarted: GettingStartedService,
  demo: DemoCustomers,
): OrganizationHandlers {
  return {
    'organization.get': async () => organization.current(),
    'organization.update': (input, c) => organization.update(actorOf(c), input),
    'gettingStarted.status': () => gettingStarted.status(),
    'gettingStarted.mark': (input, c) => gettingStarted.mark(actorOf(c), input.mark, input.done),
    'sandbox.customers': () => demo.list(),
    'sandbox.addDemoContacts': (_input, c) => demo.addAsContacts(actorOf(c)),
  };
}
