import type { ConnectivityService } from '../connectivity/connectivity-service';
import { actorOf, type HandlerMap } from '../dispatcher/handler';

type ConnectivityHandlers = Pick<
  HandlerMap,
  | 'connectivity.status'
  | 'connectivity.configureTunnel'
  | 'connectivity.setNgrokAuthtoken'
  | 'connectivity.restartTunnel'
  | 'connectivity.registerCallback'
  | 'connectivity.setAutomaticCallback'
>;

export function connectivityHandlers(connectivity: ConnectivityService): ConnectivityHandlers {
  return {
    'connectivity.status': () => connectivity.status(),
    'connectivity.configureTunnel': (input, c) => connectivity.configureTunnel(actorOf(c), input),
    'connectivity.setNgrokAuthtoken': (input, c) =>
      connectivity.setNgrokAuthtoken(actorOf(c), input.authtoken),
    'connectivity.restartTunnel': () => connectivity.restartTunnel(),
    'connectivity.registerCallback': () => connectivity.registerCallback(),
    'connectivity.setAutomaticCallback': (input, c) =>
      connectivity.setAutomaticCallback(actorOf(c), input.automatic),
  };
}
