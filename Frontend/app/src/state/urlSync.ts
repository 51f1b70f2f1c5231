import { useDashboard } from './dashboardStore';
import { queryToView, viewToQuery } from './urlState';

/** Keeps the URL and the view in step: the view is read from the URL at load and on back/forward. */
export function startUrlSync(): void {
  useDashboard.getState().replaceView(queryToView(window.location.search));
  let timer: number | undefined;
  useDashboard.subscribe((state, previous) => {
    if (state.view === previous.view) return;
    window.clearTimeout(timer);
    // A dragged slider would otherwise write history dozens of times a second.
    timer = window.setTimeout(() => {
      const query = viewToQuery(useDashboard.getState().view);
      if (query !== window.location.search) {
        window.history.replaceState(null, '', `${window.location.pathname}${query}${window.location.hash}`);
      }
    }, 150);
  });
  window.addEventListener('popstate', () => useDashboard.getState().replaceView(queryToView(window.location.search)));
}
