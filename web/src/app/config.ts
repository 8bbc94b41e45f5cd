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
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as RuntimeConfig;
}
