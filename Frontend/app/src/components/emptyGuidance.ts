/** The parts of `GET /api/health` that say whether any source is configured (docs/protocol.md). */
export interface SourceHealth {
  status?: string;
  configured_sources?: string[];
}

/**
 * Whether the system has no source to read: StreamApi says `"status":"unconfigured"` or lists no configured source.
 * An answer without `configured_sources` (an older StreamApi) counts as configured, so the page never tells an
 * operator of a working system to configure it.
 */
export function isUnconfigured(health: SourceHealth | null): boolean {
  if (!health) return false;
  if (health.status === 'unconfigured') return true;
  return Array.isArray(health.configured_sources) && health.configured_sources.length === 0;
}

/** The settings that give the ingestor a source, as an operator writes them (docs/configuration.md). */
export const SOURCE_SETTINGS = [
  { name: 'ConnectionStrings__clickhouse', example: 'Host=<host>;Port=8123;Database=training_observability', what: 'a ClickHouse metric table' },
  { name: 'LogDirectorySource__Directories__0', example: '<the plugin\'s output directory>', what: 'an ICON/ComIn log directory' },
] as const;

export const CONFIGURATION_DOC = 'docs/configuration.md';
