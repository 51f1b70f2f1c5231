import { create } from 'zustand';
import { defaultTabRules, type TabRule } from '../config/tabRules';
import type { ActivityEntry, ActivityLevel, ConnectionStatus } from '../stream/messages';
import type { RunMeta } from '../wire/types';
import { defaultView, type ViewState } from './viewState';

export const ACTIVITY_LIMIT = 300;

export interface DashboardState {
  view: ViewState;
  /** Most recently active first. */
  runs: RunMeta[];
  /** Bumped when series come or go (not on every delta). */
  catalogVersion: number;
  connection: ConnectionStatus;
  activity: ActivityEntry[];
  /** Delay from the ingestor publishing the last delta to this page applying it, in ms. */
  lastDeltaLagMs: number | null;
  snapshotAt: number | null;
  title: string;
  tabRules: TabRule[];
  setView(patch: Partial<ViewState>): void;
  replaceView(view: ViewState): void;
  setRuns(runs: RunMeta[]): void;
  setConnection(status: ConnectionStatus): void;
  log(level: ActivityLevel, message: string, time?: number): void;
  addActivity(entry: ActivityEntry): void;
  bumpCatalog(version: number): void;
  setLag(ms: number | null): void;
  setSnapshotAt(time: number): void;
  setConfig(title: string, rules: TabRule[]): void;
}

export function sortRuns(runs: RunMeta[]): RunMeta[] {
  return [...runs].sort((a, b) => Date.parse(b.last_event_time) - Date.parse(a.last_event_time) || a.run_id.localeCompare(b.run_id));
}

export const useDashboard = create<DashboardState>()((set) => ({
  view: defaultView,
  runs: [],
  catalogVersion: 0,
  connection: { state: 'connecting', attempt: 0 },
  activity: [],
  lastDeltaLagMs: null,
  snapshotAt: null,
  title: 'Training dashboard',
  tabRules: defaultTabRules,
  setView: (patch) => set((s) => ({ view: { ...s.view, ...patch } })),
  replaceView: (view) => set({ view }),
  setRuns: (runs) => set({ runs: sortRuns(runs) }),
  setConnection: (connection) => set({ connection }),
  log: (level, message, time = Date.now()) => set((s) => ({ activity: appendBounded(s.activity, { time, level, message }) })),
  addActivity: (entry) => set((s) => ({ activity: appendBounded(s.activity, entry) })),
  bumpCatalog: (catalogVersion) => set({ catalogVersion }),
  setLag: (lastDeltaLagMs) => set({ lastDeltaLagMs }),
  setSnapshotAt: (snapshotAt) => set({ snapshotAt }),
  setConfig: (title, tabRules) => set({ title, tabRules }),
}));

function appendBounded(list: ActivityEntry[], entry: ActivityEntry): ActivityEntry[] {
  const next = list.length >= ACTIVITY_LIMIT ? list.slice(list.length - ACTIVITY_LIMIT + 1) : list.slice();
  next.push(entry);
  return next;
}
