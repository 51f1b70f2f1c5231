import type { TabId } from '../state/viewState';

export const TAB_LABEL: Record<TabId, string> = {
  training: 'Training',
  model: 'Model',
  system: 'System',
  checkpoints: 'Checkpoints',
  progress: 'Progress',
  analytics: 'Loss analytics',
  other: 'Other',
};
