import type { TunnelProviderName } from '@shared/types/tunnel';

/** How each tunnel is named to the owner, and what it needs, in one line. */
export const TUNNEL_PROVIDER_INFO: Record<TunnelProviderName, { label: string; needs: string }> = {
  ngrok: {
    label: 'ngrok',
    needs: 'A free ngrok account. Its static domain keeps the same address at every start. Recommended.',
  },
  cloudflare: {
    label: 'Cloudflare quick tunnel',
    needs: 'No account; needs the cloudflared program on this computer. The address changes at each start.',
  },
  localtunnel: {
    label: 'localtunnel',
    needs: 'No account and nothing to install, but its public server is often down.',
  },
  fixed: {
    label: 'Fixed URL',
    needs: 'Your own reverse proxy or server, with a public https address pointing at this computer.',
  },
};

export function providerLabel(provider: string | null): string {
  if (!provider) return 'None';
  return TUNNEL_PROVIDER_INFO[provider as TunnelProviderName]?.label ?? provider;
}
