import { useDashboard } from '../state/dashboardStore';

/** Re-renders the caller when series come or go; returns the catalog version to key memos on. */
export function useCatalogVersion(): number {
  return useDashboard((s) => s.catalogVersion);
}
