import type { DashboardService } from '../dashboard/dashboard-service';
import type { HandlerMap } from '../dispatcher/handler';

export function dashboardHandlers(dashboard: DashboardService): Pick<HandlerMap, 'dashboard.get'> {
  return { 'dashboard.get': (input) => dashboard.get(input.days) };
}
