/** The runtime config the host serves beside the app (`/config.json`): one build runs locally and on AWS. */
export interface RuntimeConfig {
  apiBase: string;
  authority: string;
  clientId: string;
  /** The authority's time zone: every date is shown on its calendar. */
  timeZone: string;
  scope: string;
}

export async function loadConfig(): Promise<RuntimeConfig> {
  // Same request as the page's preload link, so the preloaded answer is used.
  const response = await fetch('/config.json', { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as RuntimeConfig;
}
